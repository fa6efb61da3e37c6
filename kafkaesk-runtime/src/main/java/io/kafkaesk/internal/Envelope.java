package io.kafkaesk.internal;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A decoded record value: the schema key it names and its {@code data}, still as JSON.
 *
 * @param schemaKey the envelope's {@code schema} field as written, normally {@code Id:version}
 * @param data the envelope's {@code data} field (any JSON value, {@code null} included, as a node)
 */
public record Envelope(String schemaKey, JsonNode data) {
    /** Checks that neither part is missing. */
    public Envelope {
        Objects.requireNonNull(schemaKey, "schemaKey");
        Objects.requireNonNull(data, "data");
    }

    /** The schema id: the key up to its last ':' (the whole key when it has no ':'). */
    public String schemaId() {
        int colon = schemaKey.lastIndexOf(':');
        return colon < 0 ? schemaKey : schemaKey.substring(0, colon);
    }
}
