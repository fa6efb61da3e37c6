package io.kafkaesk.codegen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What to generate and where: an immutable description of one code generation run.
 *
 * <pre>{@code
 * CodegenRequest request = CodegenRequest.builder()
 *     .sourceDirectory(Path.of("src/main/schemas"))
 *     .javaOutputDirectory(Path.of("target/generated-sources/kafkaesk"))
 *     .resourceOutputDirectory(Path.of("target/generated-resources/kafkaesk"))
 *     .packageName("com.acme.events")
 *     .build();
 * CodegenResult result = Codegen.run(request);
 * }</pre>
 */
public final class CodegenRequest {
    private final Path sourceDirectory;
    private final Path javaOutputDirectory;
    private final Path resourceOutputDirectory;
    private final String packageName;
    private final Set<String> allowedKeywords;
    private final Compatibility compatibility;
    private final DataClasses dataClasses;
    private final List<SchemaSource> baselines;
    private final List<SchemaSource> schemaDependencies;
    private final @Nullable Path asyncApiDirectory;
    private final String asyncApiTitle;
    private final String asyncApiVersion;

    private CodegenRequest(Builder b) {
        this.sourceDirectory = Objects.requireNonNull(b.sourceDirectory, "sourceDirectory is required");
        this.javaOutputDirectory = Objects.requireNonNull(b.javaOutputDirectory, "javaOutputDirectory is required");
        this.resourceOutputDirectory =
                Objects.requireNonNull(b.resourceOutputDirectory, "resourceOutputDirectory is required");
        this.packageName = Objects.requireNonNull(b.packageName, "packageName is required");
        this.compatibility = Objects.requireNonNull(b.compatibility, "compatibility");
        this.dataClasses = Objects.requireNonNull(b.dataClasses, "dataClasses");
        this.baselines = List.copyOf(b.baselines);
        this.schemaDependencies = List.copyOf(b.schemaDependencies);
        this.asyncApiDirectory = b.asyncApiDirectory;
        this.asyncApiTitle = b.asyncApiTitle == null ? packageName : b.asyncApiTitle;
        this.asyncApiVersion = b.asyncApiVersion;
        if (!packageName.isEmpty() && !packageName.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
            throw new IllegalArgumentException("Invalid package name '" + packageName
                    + "': use a dotted Java package name such as com.acme.events");
        }
        this.allowedKeywords = Collections.unmodifiableSortedSet(new TreeSet<>(b.allowedKeywords));
        if (javaOutputDirectory.equals(resourceOutputDirectory)) {
            throw new IllegalArgumentException("javaOutputDirectory and resourceOutputDirectory are both "
                    + javaOutputDirectory + ": give each its own directory");
        }
    }

    /** Starts a request; source directory, both output directories and the package name are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The directory searched (recursively) for {@code *.json} schema files. */
    public Path sourceDirectory() {
        return sourceDirectory;
    }

    /** Where Java sources go; kafkaesk owns this directory and deletes files it generated earlier but no longer does. */
    public Path javaOutputDirectory() {
        return javaOutputDirectory;
    }

    /** Where the schema files that ship in the jar go ({@code META-INF/kafkaesk/schemas/...}). */
    public Path resourceOutputDirectory() {
        return resourceOutputDirectory;
    }

    /** The base Java package; a schema in sub-folder {@code a/b} lands in {@code packageName + ".a.b"}. */
    public String packageName() {
        return packageName;
    }

    /**
     * Keywords the schema files may use although kafkaesk does not know them, sorted; empty by default. Any other
     * unknown keyword fails the run ({@code unknown-keyword}); keys starting with {@code x-} are always allowed.
     */
    public Set<String> allowedKeywords() {
        return allowedKeywords;
    }

    /**
     * How each version of a schema must relate to the versions before it, unless its {@code x-kafkaesk} sets
     * {@code compatibility}; default {@link Compatibility#BACKWARD}.
     */
    public Compatibility compatibility() {
        return compatibility;
    }

    /** The shape of the generated data classes; default {@link DataClasses#VALUES} (immutable, with a builder). */
    public DataClasses dataClasses() {
        return dataClasses;
    }

    /** Earlier releases of the schemas, whose versions the source set's versions are checked against. */
    public List<SchemaSource> baselines() {
        return baselines;
    }

    /**
     * Schema sets of other artifacts to generate from as well, each mounted in a folder named after it (so in a
     * sub-package); their keys and streams must not clash with the source directory's.
     */
    public List<SchemaSource> schemaDependencies() {
        return schemaDependencies;
    }

    /**
     * Where {@code asyncapi.yaml} and {@code asyncapi.json} are written, or null for no AsyncAPI document; the JSON
     * form also goes to the class path as {@code META-INF/kafkaesk/asyncapi.json}.
     */
    public @Nullable Path asyncApiDirectory() {
        return asyncApiDirectory;
    }

    /** The application's name in the AsyncAPI document ({@code info.title}); default: the package name. */
    public String asyncApiTitle() {
        return asyncApiTitle;
    }

    /** The application's version in the AsyncAPI document ({@code info.version}); default {@code 0.0.0}. */
    public String asyncApiVersion() {
        return asyncApiVersion;
    }

    @Override
    public String toString() {
        return "CodegenRequest{sourceDirectory=" + sourceDirectory + ", javaOutputDirectory=" + javaOutputDirectory
                + ", resourceOutputDirectory=" + resourceOutputDirectory + ", packageName=" + packageName
                + ", compatibility=" + compatibility + ", dataClasses=" + dataClasses + ", baselines=" + baselines + ", schemaDependencies="
                + schemaDependencies + ", asyncApiDirectory=" + asyncApiDirectory
                + ", allowedKeywords=" + allowedKeywords + "}";
    }

    /** Builds a {@link CodegenRequest}. */
    public static final class Builder {
        private @Nullable Path sourceDirectory;
        private @Nullable Path javaOutputDirectory;
        private @Nullable Path resourceOutputDirectory;
        private @Nullable String packageName;
        private Set<String> allowedKeywords = Set.of();
        private Compatibility compatibility = Compatibility.BACKWARD;
        private DataClasses dataClasses = DataClasses.VALUES;
        private final List<SchemaSource> baselines = new ArrayList<>();
        private final List<SchemaSource> schemaDependencies = new ArrayList<>();
        private @Nullable Path asyncApiDirectory;
        private @Nullable String asyncApiTitle;
        private String asyncApiVersion = "0.0.0";

        private Builder() {}

        /** The directory holding the schema files. */
        public Builder sourceDirectory(Path sourceDirectory) {
            this.sourceDirectory = sourceDirectory;
            return this;
        }

        /** The directory for generated Java sources. */
        public Builder javaOutputDirectory(Path javaOutputDirectory) {
            this.javaOutputDirectory = javaOutputDirectory;
            return this;
        }

        /** The directory for generated resources (the schema files shipped in the jar). */
        public Builder resourceOutputDirectory(Path resourceOutputDirectory) {
            this.resourceOutputDirectory = resourceOutputDirectory;
            return this;
        }

        /** The base Java package of the generated classes, such as {@code com.acme.events}. */
        public Builder packageName(String packageName) {
            this.packageName = packageName;
            return this;
        }

        /** Keywords to accept although kafkaesk does not know them, such as another tool's {@code javaJsonView}. */
        public Builder allowedKeywords(Collection<String> allowedKeywords) {
            for (String k : allowedKeywords) {
                if (k == null || k.isBlank()) {
                    throw new IllegalArgumentException("Invalid value " + (k == null ? "null" : "'" + k + "'")
                            + " for allowedKeywords: list keyword names, such as javaJsonView");
                }
            }
            this.allowedKeywords = Set.copyOf(allowedKeywords);
            return this;
        }

        /** The project's compatibility mode (default {@link Compatibility#BACKWARD}). */
        public Builder compatibility(Compatibility compatibility) {
            this.compatibility = compatibility;
            return this;
        }

        /** The shape of the generated data classes (default {@link DataClasses#VALUES}). */
        public Builder dataClasses(DataClasses dataClasses) {
            this.dataClasses = dataClasses;
            return this;
        }

        /** Adds an earlier release to check the schema versions against. */
        public Builder baseline(SchemaSource baseline) {
            this.baselines.add(baseline);
            return this;
        }

        /** Adds another artifact's schemas to generate from. */
        public Builder schemaDependency(SchemaSource dependency) {
            this.schemaDependencies.add(dependency);
            return this;
        }

        /** Where to write the AsyncAPI document; null (the default) writes none. */
        public Builder asyncApiDirectory(@Nullable Path asyncApiDirectory) {
            this.asyncApiDirectory = asyncApiDirectory;
            return this;
        }

        /** The application's name and version in the AsyncAPI document. */
        public Builder asyncApiInfo(String title, String version) {
            this.asyncApiTitle = Objects.requireNonNull(title, "title");
            this.asyncApiVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Builds the request. */
        public CodegenRequest build() {
            return new CodegenRequest(this);
        }
    }
}
