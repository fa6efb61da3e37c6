package io.kafkaesk.codegen.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.kafkaesk.codegen.SchemaError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Checks schema files against kafkaesk's meta-schema ({@code schemas/kafkaesk-schema.json} in the repository). */
public final class MetaSchemaCheck {
    /** Where the meta-schema sits on the class path. */
    public static final String RESOURCE = "/io/kafkaesk/codegen/kafkaesk-schema.json";

    private final Schema metaSchema;

    /** Loads the meta-schema. */
    public MetaSchemaCheck() {
        try (InputStream in = MetaSchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kafkaesk-codegen is packaged without " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records one error per meta-schema violation in {@code doc}. */
    public void check(SchemaDocument doc, Problems problems) {
        for (Error error : metaSchema.validate(doc.root())) {
            String pointer = pointer(error.getInstanceLocation());
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                pointer = pointer + "/" + SchemaDocument.pointerSegment(error.getProperty());
            }
            if (pointer.startsWith("/$schema")) {
                problems.add(SchemaError.Kind.UNSUPPORTED_DIALECT, doc, pointer,
                        "$schema " + doc.root().get("$schema") + " is not a supported JSON Schema dialect",
                        "use \"https://json-schema.org/draft/2020-12/schema\" or \"http://json-schema.org/draft-07/schema#\"");
            } else if (pointer.startsWith("/x-kafkaesk")) {
                problems.add(SchemaError.Kind.BAD_METADATA, doc, pointer, describe(error, pointer), hint(pointer));
            } else {
                problems.add(SchemaError.Kind.BAD_METADATA, doc, pointer, describe(error, pointer),
                        "see schemas/kafkaesk-schema.json for the format of kafkaesk schema files");
            }
        }
    }

    /** Kafka's config style: "invalid value V for N: reason". */
    private static String describe(Error error, String pointer) {
        if ("additionalProperties".equals(error.getKeyword())) {
            return "unknown key '" + error.getProperty() + "' in x-kafkaesk";
        }
        String message = error.getMessage();
        // networknt may prefix a message with the instance location, which the error shows already.
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        String name = pointer.isEmpty() ? "the document" : pointer.substring(1).replace('/', '.');
        return error.getInstanceNode() == null
                ? name + ": " + message
                : "invalid value " + error.getInstanceNode() + " for " + name + ": " + message;
    }

    private static String hint(String pointer) {
        String key = pointer.length() > "/x-kafkaesk/".length()
                ? pointer.substring("/x-kafkaesk/".length()).split("/", 2)[0]
                : "";
        return switch (key) {
            case "id" -> "use a non-empty id without ':' or spaces, such as \"Content\"";
            case "version" -> "use an integer version of 1 or more, such as 2";
            case "retention" -> "give the retention in whole seconds, 1 or more, such as 86400 for one day";
            case "streams" -> "list distinct stream names made of letters, digits, '.', '_' and '-', such as [\"content.edited\"]";
            case "partitions" -> "use an integer partition count of 1 or more, such as 7";
            case "key" -> "use a JSON pointer into the data, starting with '/', such as \"/id\"";
            case "javaType" -> "use a simple Java class name, such as \"ContentEdited\"";
            case "compatibility" -> "use one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, "
                    + "FULL_TRANSITIVE, NONE";
            default -> "x-kafkaesk is an object with the keys id, version, retention, streams, partitions, key, javaType, compatibility";
        };
    }

    /** The JSON pointer (RFC 6901) of a networknt instance location. */
    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            sb.append('/').append(SchemaDocument.pointerSegment(String.valueOf(element)));
        }
        return sb.toString();
    }
}
