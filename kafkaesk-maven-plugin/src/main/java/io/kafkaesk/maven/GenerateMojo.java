package io.kafkaesk.maven;

import io.kafkaesk.codegen.Codegen;
import io.kafkaesk.codegen.CodegenRequest;
import io.kafkaesk.codegen.CodegenResult;
import io.kafkaesk.codegen.SchemaErrorsException;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates typed kafkaesk sources from the JSON Schema files of a project.
 *
 * <p>For every schema file it generates the data class, the schema descriptor ({@code ContentSchema}), a
 * publisher ({@code ContentPublisher}) and a subscriber ({@code ContentSubscriber}), plus one index of all
 * descriptors ({@code KafkaeskSchemas}); the schema files themselves are packaged under
 * {@code META-INF/kafkaesk/schemas/} so that the runtime validates against them. A minimal set-up:
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.kafkaesk</groupId>
 *   <artifactId>kafkaesk-maven-plugin</artifactId>
 *   <version>...</version>
 *   <executions>
 *     <execution>
 *       <goals><goal>generate</goal></goals>
 *     </execution>
 *   </executions>
 *   <configuration>
 *     <packageName>com.acme.events</packageName>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>The goal is incremental: when no schema file, setting or plugin version changed since the last run it
 * generates nothing, and files generated for a schema that was deleted are deleted. Problems in schema files fail
 * the build with every problem listed (a {@code MojoFailureException}); an I/O problem is a
 * {@code MojoExecutionException}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /**
     * The directory holding the schema files ({@code *.json}, searched recursively). A schema in a sub-folder
     * lands in a sub-package: {@code orders/order.json} in {@code <packageName>.orders}. Default:
     * {@code src/main/schemas}.
     *
     * <pre>{@code <sourceDirectory>${project.basedir}/src/main/schemas</sourceDirectory>}</pre>
     */
    @Parameter(property = "kafkaesk.sourceDirectory", defaultValue = "${project.basedir}/src/main/schemas",
            required = true)
    private File sourceDirectory;

    /**
     * Where the Java sources are generated; it is added to the project's compile source roots. kafkaesk owns this
     * directory: do not put other files in it. Default: {@code target/generated-sources/kafkaesk}.
     *
     * <pre>{@code <outputDirectory>${project.build.directory}/generated-sources/kafkaesk</outputDirectory>}</pre>
     */
    @Parameter(property = "kafkaesk.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/kafkaesk", required = true)
    private File outputDirectory;

    /**
     * Where the schema files that ship in the jar are copied ({@code META-INF/kafkaesk/...}); it is added to the
     * project's resources. Default: {@code target/generated-resources/kafkaesk}.
     *
     * <pre>{@code <resourceOutputDirectory>${project.build.directory}/generated-resources/kafkaesk</resourceOutputDirectory>}</pre>
     */
    @Parameter(property = "kafkaesk.resourceOutputDirectory",
            defaultValue = "${project.build.directory}/generated-resources/kafkaesk", required = true)
    private File resourceOutputDirectory;

    /**
     * The Java package of the generated classes; sub-folders of the source directory add segments. Required: there
     * is no sensible default package.
     *
     * <pre>{@code <packageName>com.acme.events</packageName>}</pre>
     */
    @Parameter(property = "kafkaesk.packageName", required = true)
    private String packageName;

    /**
     * Skips generation entirely (the output directories are still added to the build). Default: {@code false}.
     *
     * <pre>{@code <skip>true</skip>}</pre>
     * or on the command line: {@code -Dkafkaesk.skip}.
     */
    @Parameter(property = "kafkaesk.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        addToBuild();
        if (skip) {
            getLog().info("kafkaesk: skipped (kafkaesk.skip=true)");
            return;
        }
        CodegenRequest request;
        try {
            request = CodegenRequest.builder()
                    .sourceDirectory(sourceDirectory.toPath())
                    .javaOutputDirectory(outputDirectory.toPath())
                    .resourceOutputDirectory(resourceOutputDirectory.toPath())
                    .packageName(packageName)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("kafkaesk: invalid configuration: " + e.getMessage(), e);
        }
        long start = System.nanoTime();
        try {
            CodegenResult result = Codegen.run(request);
            getLog().info(result.summary() + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
            result.warnings().forEach(getLog()::warn);
        } catch (SchemaErrorsException e) {
            throw new MojoFailureException("kafkaesk: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("kafkaesk: cannot generate sources from " + sourceDirectory + ": " + e, e);
        }
    }

    private void addToBuild() {
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        String resources = resourceOutputDirectory.getAbsolutePath();
        List<Resource> existing = project.getBuild().getResources();
        if (existing.stream().noneMatch(r -> resources.equals(new File(r.getDirectory()).getAbsolutePath()))) {
            Resource resource = new Resource();
            resource.setDirectory(resources);
            project.addResource(resource);
        }
    }
}
