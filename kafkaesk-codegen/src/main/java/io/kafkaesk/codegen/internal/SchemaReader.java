package io.kafkaesk.codegen.internal;

import io.kafkaesk.codegen.SchemaError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses schema files, remembering where each value is so that errors can name a line and column. */
public final class SchemaReader {
    /** The mapper for schema documents: duplicate property names are an error, as JSON Schema tools differ on them. */
    public static final JsonMapper MAPPER =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SchemaReader() {}

    /**
     * Reads one file; on malformed JSON records an {@code invalid-json} error and returns null.
     *
     * @param file the name relative to the source directory, with '/' separators
     */
    public static @Nullable SchemaDocument read(Path path, String file, Problems problems) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                problems.add(new SchemaError(SchemaError.Kind.INVALID_JSON, file, "", 1, 1, "the file is empty",
                        "write a JSON Schema document: {\"type\": \"object\", \"properties\": {...}}"));
                return null;
            }
            return new SchemaDocument(file, path, text, root, locations(text));
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
            problems.add(new SchemaError(SchemaError.Kind.INVALID_JSON, file, "", line, column,
                    "the file is not valid JSON: " + e.getOriginalMessage(),
                    "fix the JSON syntax at the given line and column"));
            return null;
        }
    }

    /** The line and column where each value starts, by JSON pointer. */
    private static Map<String, int[]> locations(String text) {
        Map<String, int[]> locations = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME || token.isStructEnd()) {
                    continue;
                }
                TokenStreamLocation at = parser.currentTokenLocation();
                locations.put(parser.streamReadContext().pathAsPointer().toString(),
                        new int[] {at.getLineNr(), at.getColumnNr()});
            }
        }
        return locations;
    }
}
