package io.kafkaesk.maven;

import io.kafkaesk.codegen.Codegen;
import io.kafkaesk.codegen.Compatibility;
import io.kafkaesk.codegen.DataClasses;
import io.kafkaesk.codegen.CodegenRequest;
import io.kafkaesk.codegen.CodegenResult;
import io.kafkaesk.codegen.SchemaErrorsException;
import io.kafkaesk.codegen.SchemaSource;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

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
     * Keywords the schema files may use although kafkaesk does not know them. Any other unknown keyword fails the
     * build ({@code [kafkaesk:unknown-keyword]}, with a did-you-mean), since JSON Schema tools silently ignore it;
     * keys starting with {@code x-} are always allowed. Default: none.
     *
     * <pre>{@code <allowedKeywords><allowedKeyword>javaJsonView</allowedKeyword></allowedKeywords>}</pre>
     * or on the command line: {@code -Dkafkaesk.allowedKeywords=javaJsonView,customDateTimePattern}.
     */
    @Parameter(property = "kafkaesk.allowedKeywords")
    private List<String> allowedKeywords = List.of();

    /**
     * Skips generation entirely (the output directories are still added to the build). Default: {@code false}.
     *
     * <pre>{@code <skip>true</skip>}</pre>
     * or on the command line: {@code -Dkafkaesk.skip}.
     */
    @Parameter(property = "kafkaesk.skip", defaultValue = "false")
    private boolean skip;

    /**
     * How each new version of a schema must relate to the versions before it: {@code BACKWARD} (consumers of the
     * new version read older messages), {@code FORWARD}, {@code FULL}, each with a {@code _TRANSITIVE} form, or
     * {@code NONE}. A schema's own {@code x-kafkaesk.compatibility} wins. Default: {@code BACKWARD}.
     *
     * <pre>{@code <compatibility>FULL_TRANSITIVE</compatibility>}</pre>
     * or on the command line: {@code -Dkafkaesk.compatibility=NONE}.
     */
    @Parameter(property = "kafkaesk.compatibility", defaultValue = "BACKWARD")
    private String compatibility;

    /**
     * The shape of the generated data classes: {@code values} (immutable: getters, {@code Order.builder()...build()},
     * {@code toBuilder()}, required properties checked at {@code build()}, JSpecify {@code @Nullable} on optional
     * getters) or {@code javabeans} (a public no-argument constructor, setters and {@code withX} mutators, for
     * frameworks that bind by setter). Default: {@code values}.
     *
     * <pre>{@code <dataClasses>javabeans</dataClasses>}</pre>
     * or on the command line: {@code -Dkafkaesk.dataClasses=javabeans}.
     */
    @Parameter(property = "kafkaesk.dataClasses", defaultValue = "values")
    private String dataClasses;

    /**
     * Earlier releases of the schemas that the versions in the source directory must stay compatible with: Maven
     * coordinates {@code groupId:artifactId[:extension[:classifier]]:version} of a jar holding
     * {@code META-INF/kafkaesk/schemas/} (as every kafkaesk build packages them), resolved like a dependency, or a
     * directory of schema files. Default: none.
     *
     * <pre>{@code
     * <baselines>
     *   <baseline>com.acme:events:1.4.0</baseline>
     * </baselines>
     * }</pre>
     * or on the command line: {@code -Dkafkaesk.baselines=com.acme:events:1.4.0}.
     */
    @Parameter(property = "kafkaesk.baselines")
    private List<String> baselines = new ArrayList<>();

    /**
     * Artifacts whose schema files ({@code META-INF/kafkaesk/schemas/} in their jar) this project generates from as
     * well, without copying them: typically another team's schema artifact. Each is resolved through Maven and
     * mounted in a folder named after its artifactId, so its classes land in a sub-package
     * ({@code <packageName>.shop_events...}); a schema key or stream that a local schema declares too fails the
     * build. Default: none.
     *
     * <pre>{@code
     * <schemaDependencies>
     *   <schemaDependency>com.acme:shop-events:1.0.0</schemaDependency>
     * </schemaDependencies>
     * }</pre>
     */
    @Parameter(property = "kafkaesk.schemaDependencies")
    private List<String> schemaDependencies = new ArrayList<>();

    /**
     * Where the AsyncAPI 3.0 document of the project's streams is written, as {@code asyncapi.yaml} and
     * {@code asyncapi.json}; the JSON form also ships on the class path as {@code META-INF/kafkaesk/asyncapi.json},
     * which a worker serves at {@code GET /asyncapi}. Default: {@code target/kafkaesk}.
     *
     * <pre>{@code <asyncApiDirectory>${project.build.directory}/kafkaesk</asyncApiDirectory>}</pre>
     */
    @Parameter(property = "kafkaesk.asyncApiDirectory", defaultValue = "${project.build.directory}/kafkaesk")
    private File asyncApiDirectory;

    /**
     * Writes the AsyncAPI document. Default: {@code true}.
     *
     * <pre>{@code <asyncApi>false</asyncApi>}</pre>
     * or on the command line: {@code -Dkafkaesk.asyncApi=false}.
     */
    @Parameter(property = "kafkaesk.asyncApi", defaultValue = "true")
    private boolean asyncApi;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    private final RepositorySystem repositorySystem;

    /** Created by Maven, which injects the repository system that resolves baselines and schema dependencies. */
    @Inject
    public GenerateMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        addToBuild();
        if (skip) {
            getLog().info("kafkaesk: skipped (kafkaesk.skip=true)");
            return;
        }
        CodegenRequest request;
        try {
            CodegenRequest.Builder builder = CodegenRequest.builder()
                    .sourceDirectory(sourceDirectory.toPath())
                    .javaOutputDirectory(outputDirectory.toPath())
                    .resourceOutputDirectory(resourceOutputDirectory.toPath())
                    .packageName(packageName)
                    .allowedKeywords(allowedKeywords == null ? List.of() : allowedKeywords)
                    .compatibility(parseCompatibility())
                    .dataClasses(DataClasses.parse(dataClasses));
            for (String baseline : baselines) {
                builder.baseline(source("baselines", baseline, true));
            }
            for (String dependency : schemaDependencies) {
                builder.schemaDependency(source("schemaDependencies", dependency, false));
            }
            if (asyncApi) {
                builder.asyncApiDirectory(asyncApiDirectory.toPath())
                        .asyncApiInfo(project.getArtifactId(), project.getVersion());
            }
            request = builder.build();
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

    private Compatibility parseCompatibility() throws MojoFailureException {
        try {
            return Compatibility.parse(compatibility);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("kafkaesk: invalid value '" + compatibility + "' for parameter compatibility"
                    + " (kafkaesk.compatibility): use one of " + Compatibility.names(), e);
        }
    }

    /**
     * The schema files named by an entry of {@code parameter}: an existing directory (when {@code directories}),
     * else Maven coordinates resolved through the project's repositories.
     */
    private SchemaSource source(String parameter, String value, boolean directories) throws MojoFailureException {
        String entry = value.trim();
        File dir = new File(entry).isAbsolute() ? new File(entry) : new File(project.getBasedir(), entry);
        if (directories && dir.isDirectory()) {
            return new SchemaSource(entry, dir.toPath());
        }
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(entry);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("kafkaesk: invalid value '" + entry + "' for parameter " + parameter + ": "
                    + "use Maven coordinates groupId:artifactId:version" + (directories ? " or an existing directory" : ""),
                    e);
        }
        List<RemoteRepository> repositories = project.getRemoteProjectRepositories();
        try {
            File file = repositorySystem.resolveArtifact(repositorySession,
                    new ArtifactRequest(artifact, repositories, null)).getArtifact().getFile();
            // A module of the same reactor comes from the session's workspace reader: its jar once packaged, its
            // classes directory after compile; anything else from a repository.
            getLog().debug("kafkaesk: " + parameter + " " + entry + " resolved to " + file);
            return new SchemaSource(entry, file.toPath());
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("kafkaesk: cannot resolve " + entry + " given in parameter " + parameter
                    + ": " + e.getMessage(), e);
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
