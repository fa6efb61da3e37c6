package io.kafkaesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Describes one version of one message type: everything the runtime needs to publish, validate and decode it.
 *
 * <p>The Maven plugin generates one descriptor per schema file ({@code ContentSchema.DESCRIPTOR}); a
 * hand-written descriptor can do everything a generated one does:
 *
 * <pre>{@code
 * MessageSchema<Content> schema = MessageSchema.builder("Content", Content.class)
 *     .version(1)
 *     .retention(Duration.ofDays(1))
 *     .streams("content.edited.Resource")
 *     .keyPointer("/id")
 *     .schemaJson(jsonSchemaText)
 *     .build();
 * }</pre>
 *
 * <p>Two descriptors are equal when every property is equal; registering two unequal descriptors under the
 * same {@link #key() key} is a {@link SchemaConflictException}.
 *
 * @param <T> the Java class the envelope's {@code data} binds to
 */
public final class MessageSchema<T> {
    private final String id;
    private final int version;
    private final Class<T> dataClass;
    private final String schemaJson;
    private final @Nullable Duration retention;
    private final List<String> streams;
    private final @Nullable Integer partitions;
    private final @Nullable String keyPointer;
    private final @Nullable Predicate<? super T> validator;

    private MessageSchema(Builder<T> b) {
        this.id = b.id;
        this.version = b.version;
        this.dataClass = b.dataClass;
        this.schemaJson = Objects.requireNonNull(b.schemaJson, () -> "MessageSchema " + b.id + ":" + b.version
                + " has no JSON schema: call schemaJson(...) or schemaResource(...) on its builder");
        this.retention = b.retention;
        this.streams = List.copyOf(b.streams);
        this.partitions = b.partitions;
        this.keyPointer = b.keyPointer;
        this.validator = b.validator;
    }

    /**
     * Starts a descriptor for the schema {@code id} whose data binds to {@code dataClass}.
     *
     * @param id the schema id, the part of the key before the colon; must not be blank or contain ':'
     * @param dataClass the class that the envelope's {@code data} is read into and written from
     */
    public static <T> Builder<T> builder(String id, Class<T> dataClass) {
        return new Builder<>(id, dataClass);
    }

    /** The schema id, for example {@code Content}. */
    public String id() {
        return id;
    }

    /** The schema version, 1 or more. */
    public int version() {
        return version;
    }

    /** The key written in every envelope: {@code id + ":" + version}, for example {@code Content:1}. */
    public String key() {
        return id + ":" + version;
    }

    /** The class the envelope's {@code data} binds to. */
    public Class<T> dataClass() {
        return dataClass;
    }

    /** The JSON Schema document that published data is validated against, as the user wrote it. */
    public String schemaJson() {
        return schemaJson;
    }

    /** How long topics created for this schema keep records ({@code retention.ms}); empty for the broker's default. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** The streams known ahead of time: pre-created by {@code Application.initialize()}. */
    public List<String> streams() {
        return streams;
    }

    /** The partition count for topics created for this schema; empty for the application's default. */
    public OptionalInt partitions() {
        return partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions);
    }

    /** A JSON pointer into {@code data} whose value becomes the record key when the caller gives none. */
    public Optional<String> keyPointer() {
        return Optional.ofNullable(keyPointer);
    }

    /**
     * The validator the code generator wrote from the schema file, if any: whether data, written as JSON by
     * kafkaesk's mapper, conforms to the schema. See {@link Builder#validator(Predicate)}.
     */
    public Optional<Predicate<? super T>> validator() {
        return Optional.ofNullable(validator);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MessageSchema<?> other)) {
            return false;
        }
        return version == other.version
                && id.equals(other.id)
                && dataClass.equals(other.dataClass)
                && schemaJson.equals(other.schemaJson)
                && Objects.equals(retention, other.retention)
                && streams.equals(other.streams)
                && Objects.equals(partitions, other.partitions)
                && Objects.equals(keyPointer, other.keyPointer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, dataClass, schemaJson, retention, streams, partitions, keyPointer);
    }

    /** The key and data class, for example {@code Content:1 (com.acme.Content)}. */
    @Override
    public String toString() {
        return key() + " (" + dataClass.getName() + ")";
    }

    /** Builds a {@link MessageSchema}; every property but the id, data class and schema JSON is optional. */
    public static final class Builder<T> {
        private final String id;
        private final Class<T> dataClass;
        private int version = 1;
        private @Nullable String schemaJson;
        private @Nullable Duration retention;
        private final List<String> streams = new ArrayList<>();
        private @Nullable Integer partitions;
        private @Nullable String keyPointer;
        private @Nullable Predicate<? super T> validator;

        private Builder(String id, Class<T> dataClass) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank() || id.indexOf(':') >= 0) {
                throw new IllegalArgumentException(
                        "Invalid schema id '" + id + "': it must not be blank and must not contain ':'");
            }
            this.id = id;
            this.dataClass = Objects.requireNonNull(dataClass, "dataClass");
        }

        /** The schema version; default 1. */
        public Builder<T> version(int version) {
            if (version < 1) {
                throw new IllegalArgumentException(
                        "Invalid version " + version + " for schema " + id + ": versions start at 1");
            }
            this.version = version;
            return this;
        }

        /** The JSON Schema document, as text. */
        public Builder<T> schemaJson(String schemaJson) {
            this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
            return this;
        }

        /**
         * Reads the JSON Schema document from a class-path resource, as generated descriptors do with
         * {@code /META-INF/kafkaesk/schemas/...}.
         *
         * @param anchor the class whose loader finds the resource
         * @param resource an absolute resource name, starting with '/'
         * @throws IllegalArgumentException when the resource does not exist
         */
        public Builder<T> schemaResource(Class<?> anchor, String resource) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("Schema resource " + resource + " for " + id + ":" + version
                            + " is not on the class path of " + anchor.getName()
                            + ": check that the schema file was packaged (META-INF/kafkaesk/schemas)");
                }
                this.schemaJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read schema resource " + resource, e);
            }
        }

        /** How long created topics keep records; must be positive. Default: the broker's retention. */
        public Builder<T> retention(Duration retention) {
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("Invalid retention " + retention + " for schema " + id
                        + ": it must be positive");
            }
            this.retention = retention;
            return this;
        }

        /** Streams known ahead of time; they are pre-created on initialize. */
        public Builder<T> streams(String... streams) {
            return streams(List.of(streams));
        }

        /** Streams known ahead of time; they are pre-created on initialize. */
        public Builder<T> streams(List<String> streams) {
            for (String s : streams) {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("Schema " + id + " declares a blank stream name");
                }
                this.streams.add(s);
            }
            return this;
        }

        /** Partitions for topics created for this schema; default: the application's {@code defaultPartitions}. */
        public Builder<T> partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException(
                        "Invalid partitions " + partitions + " for schema " + id + ": it must be 1 or more");
            }
            this.partitions = partitions;
            return this;
        }

        /** A JSON pointer (RFC 6901) into {@code data}, such as {@code /id}, whose value keys each record. */
        public Builder<T> keyPointer(String keyPointer) {
            if (!keyPointer.isEmpty() && !keyPointer.startsWith("/")) {
                throw new IllegalArgumentException("Invalid key pointer '" + keyPointer + "' for schema " + id
                        + ": a JSON pointer starts with '/', for example /id");
            }
            this.keyPointer = keyPointer;
            return this;
        }

        /**
         * The validator of data objects that the code generator writes from the schema file (over the data
         * class's getters, see {@link SchemaChecks}): true when the data, once written by kafkaesk's mapper,
         * conforms to the schema. Published data it accepts is sent without further validation; data it refuses
         * is validated by the JSON Schema validator, which lists the violations (and has the last word, so a
         * validator that refuses what it cannot judge, such as a subclass of the data class, costs time only).
         * Not part of {@link #equals(Object)}: it decides what the schema already says.
         */
        public Builder<T> validator(Predicate<? super T> validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** Builds the descriptor. */
        public MessageSchema<T> build() {
            return new MessageSchema<>(this);
        }
    }
}
