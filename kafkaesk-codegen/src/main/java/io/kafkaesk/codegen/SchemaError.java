package io.kafkaesk.codegen;

import java.util.Objects;

/**
 * One problem found in the schema files, with where it is and what to do about it.
 *
 * <p>{@link #toString()} gives the form printed to users, for example:
 *
 * <pre>
 * [kafkaesk:duplicate-key] orders/order-v1.json:5:11 at /x-kafkaesk/id: schema key Order:1 is declared twice: orders/order-v1.json, orders/order.json
 *     fix: give one of the files another id or version
 * </pre>
 *
 * @param kind what kind of problem this is; its {@link Kind#id() id} is stable and can be searched for
 * @param file the schema file, relative to the source directory, with '/' separators
 * @param pointer the JSON pointer into the file where the problem is ({@code ""} for the whole document)
 * @param line the 1-based line of that location, or 0 when unknown
 * @param column the 1-based column of that location, or 0 when unknown
 * @param message what is wrong
 * @param hint what to do instead
 */
public record SchemaError(Kind kind, String file, String pointer, int line, int column, String message, String hint) {

    /** Checks the components. */
    public SchemaError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    /** The stable id in brackets, such as {@code [kafkaesk:duplicate-key]}. */
    public String id() {
        return "[kafkaesk:" + kind.id() + "]";
    }

    /** {@code file:line:column}, or just the file when the line is unknown. */
    public String location() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }

    /** The error as printed for users: id, location, pointer, message, and the hint on a second line. */
    @Override
    public String toString() {
        return id() + " " + location() + " at " + (pointer.isEmpty() ? "(document)" : pointer) + ": " + message
                + System.lineSeparator() + "    fix: " + hint;
    }

    /** The kinds of schema errors; each has an id that never changes. */
    public enum Kind {
        /** The file is not well-formed JSON. */
        INVALID_JSON("invalid-json"),
        /** A message schema does not describe a JSON object. */
        NOT_OBJECT_SCHEMA("not-object-schema"),
        /** The {@code $schema} dialect is not draft 2020-12 or draft-07. */
        UNSUPPORTED_DIALECT("unsupported-dialect"),
        /** A value in the {@code x-kafkaesk} block is missing, of the wrong type or out of range. */
        BAD_METADATA("bad-metadata"),
        /** Two files declare the same schema key ({@code id:version}). */
        DUPLICATE_KEY("duplicate-key"),
        /** Two schema ids declare the same stream. */
        STREAM_CONFLICT("stream-conflict"),
        /** A key at a schema position is no JSON Schema keyword kafkaesk knows, so it would be silently ignored. */
        UNKNOWN_KEYWORD("unknown-keyword"),
        /** A {@code type} is not one of the seven JSON Schema type names. */
        INVALID_TYPE("invalid-type"),
        /** A {@code format} is not one kafkaesk supports, so nothing would check it. */
        UNKNOWN_FORMAT("unknown-format"),
        /** A {@code required} name is not declared among the object's {@code properties}. */
        UNDECLARED_REQUIRED("undeclared-required"),
        /** The {@code x-kafkaesk.key} pointer names no property of the data. */
        UNRESOLVED_KEY("unresolved-key"),
        /** A {@code $ref} points to a file or location that does not exist. */
        UNRESOLVED_REF("unresolved-ref"),
        /** Two schemas would generate a Java class of the same name. */
        CLASS_NAME_CONFLICT("class-name-conflict"),
        /** A new version of a schema breaks the consumers of an earlier one (see the compatibility rules). */
        INCOMPATIBLE_CHANGE("incompatible-change"),
        /** The code generator could not turn a valid-looking schema into Java. */
        GENERATION_FAILED("generation-failed");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The stable id, such as {@code duplicate-key}. */
        public String id() {
            return id;
        }
    }
}
