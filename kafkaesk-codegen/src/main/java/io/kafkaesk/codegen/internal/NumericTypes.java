package io.kafkaesk.codegen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.codemodel.JClassContainer;
import com.sun.codemodel.JType;
import java.math.BigDecimal;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.rules.Rule;
import org.jsonschema2pojo.rules.RuleFactory;

/**
 * Chooses the Java type of JSON Schema {@code integer} and {@code number} values, so that data its schema accepts
 * always fits the generated field.
 *
 * <ul>
 *   <li>{@code integer} is {@code Long}: JSON Schema integers are unbounded and Python, Go and Rust services write
 *       64 bits. It is {@code Integer} only when the schema bounds it within {@code int} on both sides
 *       ({@code minimum} or {@code exclusiveMinimum}, and {@code maximum} or {@code exclusiveMaximum}).
 *   <li>{@code number} is {@code Double}.
 *   <li>An explicit {@code javaType} (or jsonschema2pojo's {@code existingJavaType}) on the property wins, e.g.
 *       {@code "javaType": "java.math.BigDecimal"} for an exact amount of money, or
 *       {@code "javaType": "java.math.BigInteger"} for integers beyond 64 bits.
 * </ul>
 *
 * <p>Every other type is left to jsonschema2pojo's own rule, which this one wraps; a {@code format} on a numeric
 * property is still applied by jsonschema2pojo's format rule.
 */
final class NumericTypes implements Rule<JClassContainer, JType> {
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final RuleFactory rules;
    private final Rule<JClassContainer, JType> delegate;

    NumericTypes(RuleFactory rules, Rule<JClassContainer, JType> delegate) {
        this.rules = rules;
        this.delegate = delegate;
    }

    @Override
    public JType apply(String nodeName, JsonNode node, JsonNode parent, JClassContainer container, Schema schema) {
        String type = typeName(node);
        boolean numeric = type.equals("integer") || type.equals("number");
        if (!numeric || node.has("properties") || node.has("existingJavaType")) {
            return delegate.apply(nodeName, node, parent, container, schema);
        }
        if (node.has("javaType") && node instanceof ObjectNode o) {
            // jsonschema2pojo reads javaType on objects and enums only; on a number it means the same as
            // existingJavaType, which jsonschema2pojo resolves (primitive or class) and which skips format.
            ObjectNode explicit = o.deepCopy();
            explicit.set("existingJavaType", o.get("javaType"));
            return delegate.apply(nodeName, explicit, parent, container, schema);
        }
        Class<?> javaType = type.equals("number") ? Double.class : fitsInt(node) ? Integer.class : Long.class;
        JType result = container.owner().ref(javaType);
        if (node.has("format")) {
            result = rules.getFormatRule().apply(nodeName, node.get("format"), node, result, schema);
        }
        return result;
    }

    /** True when the schema bounds an integer within {@code int} on both sides. */
    static boolean fitsInt(JsonNode node) {
        return within(node, "minimum", "exclusiveMinimum", INT_MIN.subtract(BigDecimal.ONE), true)
                && within(node, "maximum", "exclusiveMaximum", INT_MAX.add(BigDecimal.ONE), false);
    }

    /**
     * True when the inclusive bound {@code inclusive} or the exclusive bound {@code exclusive} (a number, as in
     * draft 2020-12 and draft-06 on; draft-04's boolean form leaves {@code inclusive} as the bound) keeps values
     * inside {@code int}. {@code limit} is the exclusive limit just outside {@code int}.
     */
    private static boolean within(JsonNode node, String inclusive, String exclusive, BigDecimal limit,
            boolean lower) {
        JsonNode in = node.get(inclusive);
        JsonNode ex = node.get(exclusive);
        boolean ok = false;
        if (in != null && in.isNumber()) {
            int c = in.decimalValue().compareTo(limit);
            ok = lower ? c > 0 : c < 0;
        }
        if (ex != null && ex.isNumber()) {
            int c = ex.decimalValue().compareTo(limit);
            ok |= lower ? c >= 0 : c <= 0;
        }
        return ok;
    }

    /** The schema's type; of a list such as {@code ["integer", "null"]}, the first that is not null. */
    private static String typeName(JsonNode node) {
        JsonNode type = node.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && !t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "any";
        }
        return type != null && type.isTextual() ? type.asText() : "any";
    }
}
