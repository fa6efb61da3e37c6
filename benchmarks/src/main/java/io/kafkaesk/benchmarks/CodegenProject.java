package io.kafkaesk.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Writes a Maven project of the code generation section's synthetic schemas, built with this kafkaesk version's
 * plugin, so that a cold build can be timed as a user runs it: Maven's own JVM running the plugin, then the compiler
 * plugin's javac with its defaults (debug information on). The Maven plugins are the versions kafkaesk's own build
 * uses.
 */
final class CodegenProject {
    private CodegenProject() {}

    /** Writes {@code pom.xml} and {@code n} schema files under {@code dir}, which must be empty or absent. */
    static void write(Path dir, int n) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("-codegen-project " + dir + " is not empty: name a new or"
                            + " empty directory, so that no file of yours is overwritten");
                }
            }
        }
        Properties versions = versions();
        CodegenBench.writeSchemas(dir.resolve("src/main/schemas"), n);
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <!-- %1$d synthetic schemas of the kafkaesk benchmark harness's codegen section. -->
                  <groupId>bench</groupId>
                  <artifactId>kafkaesk-codegen-%1$d</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>%4$s</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>io.kafkaesk</groupId>
                      <artifactId>kafkaesk-runtime</artifactId>
                      <version>%2$s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%5$s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%3$s</version>
                      </plugin>
                      <plugin>
                        <groupId>io.kafkaesk</groupId>
                        <artifactId>kafkaesk-maven-plugin</artifactId>
                        <version>%2$s</version>
                        <executions>
                          <execution>
                            <goals>
                              <goal>generate</goal>
                            </goals>
                          </execution>
                        </executions>
                        <configuration>
                          <packageName>bench.events</packageName>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(n, versions.getProperty("kafkaesk.version"),
                versions.getProperty("compiler-plugin.version"), versions.getProperty("maven.compiler.release"),
                versions.getProperty("resources-plugin.version")),
                StandardCharsets.UTF_8);
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = CodegenProject.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing: build the harness with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
