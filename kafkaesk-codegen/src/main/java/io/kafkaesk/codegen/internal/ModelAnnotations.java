package io.kafkaesk.codegen.internal;

import com.sun.codemodel.JAnnotationUse;
import com.sun.codemodel.JAnnotationValue;
import com.sun.codemodel.JFormatter;
import java.io.StringWriter;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Reads the Jackson annotations jsonschema2pojo put on its class model (which property a field or getter is). */
final class ModelAnnotations {
    static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";
    static final String JSON_IGNORE = "com.fasterxml.jackson.annotation.JsonIgnore";
    static final String JSON_ANY_GETTER = "com.fasterxml.jackson.annotation.JsonAnyGetter";
    static final String JSON_ANY_SETTER = "com.fasterxml.jackson.annotation.JsonAnySetter";

    private ModelAnnotations() {}

    /** Whether {@code annotation} (a qualified name) is among the uses. */
    static boolean annotated(Collection<JAnnotationUse> uses, String annotation) {
        for (JAnnotationUse a : uses) {
            if (a.getAnnotationClass().fullName().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    /** The name in a {@code @JsonProperty}, null without one. */
    static @Nullable String jsonName(Collection<JAnnotationUse> uses) {
        for (JAnnotationUse a : uses) {
            if (a.getAnnotationClass().fullName().equals(JSON_PROPERTY)) {
                JAnnotationValue value = a.getAnnotationMembers().get("value");
                if (value == null) {
                    return null;
                }
                StringWriter out = new StringWriter();
                value.generate(new JFormatter(out));
                String literal = out.toString();
                if (literal.indexOf('\\') < 0) {
                    return literal.substring(1, literal.length() - 1); // "name": nothing escaped
                }
                return SchemaReader.MAPPER.readValue(literal.replace("\\'", "'"), String.class);
            }
        }
        return null;
    }
}
