package io.kafkaesk.codegen.internal.compat;

import io.kafkaesk.codegen.internal.SchemaReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares an old and a new version of a schema, keyword by keyword, and lists every change that makes one of
 * them reject a value the other accepts: a value the old version accepts and the new one rejects breaks new
 * consumers (BACKWARD); a value the new version accepts and the old one rejects breaks old consumers (FORWARD).
 *
 * <p>An absent subschema accepts everything, so "property added to an open content model" is the comparison of
 * {@code true} (the old {@code additionalProperties}) with the new property's schema; {@code $ref}s are followed
 * to their targets, also across files, and never compared by name; {@code anyOf}/{@code oneOf} branches are
 * matched to a branch of the other side that accepts them. Keywords it does not understand count as breaking
 * both ways when their value changed ({@link Rule#KEYWORD_CHANGED}).
 *
 * <p>Over 400 lines because the comparison is one recursive walk over two schemas with one small method a keyword
 * family; the rules it reports are {@link Rule}'s and the sites it walks are {@link Site}'s.
 */
final class SchemaDiff {
    /** Keywords that do not change which values a schema accepts. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples", "default",
            "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$anchor", "$dynamicAnchor", "$defs",
            "definitions", "$vocabulary", "contentMediaType", "contentEncoding", "$ref");
    /** Keywords compared by a rule of their own. */
    private static final Set<String> COMPARED = Set.of("type", "enum", "const", "properties", "required",
            "additionalProperties", "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
            "pattern", "format", "anyOf", "oneOf");

    /** Pairs of places being compared, so that recursive schemas end. */
    private final Set<String> inProgress = new HashSet<>();

    private SchemaDiff() {}

    /** Every incompatible change from {@code oldSite} to {@code newSite}, in document order, without duplicates. */
    static List<Finding> compare(Site oldSite, Site newSite) {
        Map<String, Finding> unique = new LinkedHashMap<>();
        for (Finding f : new SchemaDiff().diff(oldSite, newSite)) {
            unique.putIfAbsent(f.rule().id() + " " + f.oldSite().where() + " " + f.newSite().where(), f);
        }
        return List.copyOf(unique.values());
    }

    private List<Finding> diff(Site oldSite, Site newSite) {
        Site o = oldSite.resolve();
        Site n = newSite.resolve();
        String key = o.id() + "|" + n.id();
        if (!inProgress.add(key)) {
            return List.of();
        }
        try {
            return diffResolved(o, n);
        } finally {
            inProgress.remove(key);
        }
    }

    private List<Finding> diffResolved(Site o, Site n) {
        boolean oldFalse = isFalse(o.node());
        boolean newFalse = isFalse(n.node());
        if (oldFalse && newFalse) {
            return List.of();
        }
        if (oldFalse) {
            return List.of(Finding.of(Rule.SCHEMA_OPENED, o, n, "the old schema accepts no value, the new one does"));
        }
        if (newFalse) {
            return List.of(Finding.of(Rule.SCHEMA_CLOSED, o, n, "the new schema accepts no value, the old one does"));
        }
        if (acceptsAll(o.node()) && acceptsAll(n.node())) {
            return List.of();
        }
        if (isUnion(o.node()) || isUnion(n.node())) {
            return unions(o, n);
        }
        List<Finding> found = new ArrayList<>();
        Set<String> oldTypes = types(o.node());
        Set<String> newTypes = types(n.node());
        types(o, n, oldTypes, newTypes, found);
        enums(o, n, found);
        if (both(oldTypes, newTypes, "number")) {
            numbers(o, n, found);
        }
        if (both(oldTypes, newTypes, "string")) {
            lengths(o, n, "minLength", "maxLength", found);
            textual(o, n, "pattern", Rule.PATTERN_ADDED, Rule.PATTERN_REMOVED, Rule.PATTERN_CHANGED, found);
            textual(o, n, "format", Rule.FORMAT_ADDED, Rule.FORMAT_REMOVED, Rule.FORMAT_CHANGED, found);
        }
        if (both(oldTypes, newTypes, "array")) {
            lengths(o, n, "minItems", "maxItems", found);
            if (!o.node().path("items").isArray() && !n.node().path("items").isArray()) {
                found.addAll(diff(o.child("items"), n.child("items")));
            }
        }
        if (both(oldTypes, newTypes, "object")) {
            lengths(o, n, "minProperties", "maxProperties", found);
            objects(o, n, found);
        }
        others(o, n, found);
        return found;
    }

    // ---- type -------------------------------------------------------------------------------------------------

    /** The types a schema allows, or null for any. */
    private static @Nullable Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return Set.of(type.asString());
        }
        if (type.isArray()) {
            Set<String> types = new TreeSet<>();
            type.forEach(t -> types.add(t.asString()));
            return types;
        }
        return null;
    }

    /** True when a type set accepts values of {@code type}; {@code number} includes {@code integer}. */
    private static boolean accepts(@Nullable Set<String> types, String type) {
        return types == null || types.contains(type) || (type.equals("integer") && types.contains("number"));
    }

    /** True when both sides accept some values of {@code type}, so that its keywords matter. */
    private static boolean both(@Nullable Set<String> oldTypes, @Nullable Set<String> newTypes, String type) {
        return overlaps(oldTypes, type) && overlaps(newTypes, type);
    }

    private static boolean overlaps(@Nullable Set<String> types, String type) {
        return types == null || types.contains(type) || (type.equals("number") && types.contains("integer"));
    }

    private static void types(Site o, Site n, @Nullable Set<String> oldTypes, @Nullable Set<String> newTypes,
            List<Finding> found) {
        Site ot = o.child("type");
        Site nt = n.child("type");
        if (newTypes != null) {
            if (oldTypes == null) {
                found.add(Finding.of(Rule.TYPE_NARROWED, ot, nt, "the new version accepts only " + newTypes
                        + ", the old one any type"));
            } else {
                List<String> lost = oldTypes.stream().filter(t -> !accepts(newTypes, t)).toList();
                if (!lost.isEmpty()) {
                    String what = lost.equals(List.of("number")) && newTypes.contains("integer")
                            ? "numbers with a fraction" : lost + " values";
                    found.add(Finding.of(Rule.TYPE_NARROWED, ot, nt, "the type changed from " + oldTypes + " to "
                            + newTypes + ": " + what + " are no longer accepted"));
                }
            }
        }
        if (oldTypes != null) {
            if (newTypes == null) {
                found.add(Finding.of(Rule.TYPE_WIDENED, ot, nt, "the new version accepts any type, the old one only "
                        + oldTypes));
            } else {
                List<String> gained = newTypes.stream().filter(t -> !accepts(oldTypes, t)).toList();
                if (!gained.isEmpty()) {
                    found.add(Finding.of(Rule.TYPE_WIDENED, ot, nt, "the type changed from " + oldTypes + " to "
                            + newTypes + ": " + gained + " values are new"));
                }
            }
        }
    }

    // ---- enum and const ---------------------------------------------------------------------------------------

    /** The values an {@code enum} or {@code const} allows, or null when neither is present. */
    private static @Nullable List<JsonNode> values(JsonNode schema) {
        if (schema.has("const")) {
            return List.of(schema.get("const"));
        }
        if (schema.path("enum").isArray()) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    private static Site enumSite(Site s) {
        return s.node().has("const") ? s.child("const") : s.child("enum");
    }

    private static void enums(Site o, Site n, List<Finding> found) {
        List<JsonNode> oldValues = values(o.node());
        List<JsonNode> newValues = values(n.node());
        if (newValues != null) {
            if (oldValues == null) {
                found.add(Finding.of(Rule.ENUM_VALUE_REMOVED, enumSite(o), enumSite(n),
                        "the new version accepts only " + newValues + ", the old one any value of its type"));
            } else {
                List<JsonNode> removed = oldValues.stream().filter(v -> !contains(newValues, v)).toList();
                if (!removed.isEmpty()) {
                    found.add(Finding.of(Rule.ENUM_VALUE_REMOVED, enumSite(o), enumSite(n),
                            "the values " + removed + " are no longer accepted"));
                }
            }
        }
        if (oldValues != null) {
            if (newValues == null) {
                found.add(Finding.of(Rule.ENUM_VALUE_ADDED, enumSite(o), enumSite(n),
                        "the new version accepts any value of its type, the old one only " + oldValues));
            } else {
                List<JsonNode> added = newValues.stream().filter(v -> !contains(oldValues, v)).toList();
                if (!added.isEmpty()) {
                    found.add(Finding.of(Rule.ENUM_VALUE_ADDED, enumSite(o), enumSite(n),
                            "the values " + added + " are new"));
                }
            }
        }
    }

    private static boolean contains(List<JsonNode> values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || (v.isNumber() && value.isNumber()
                    && v.decimalValue().compareTo(value.decimalValue()) == 0)) {
                return true;
            }
        }
        return false;
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    /** A lower or upper bound: its value, whether it is exclusive, and the keyword that set it. */
    private record Bound(BigDecimal value, boolean exclusive, String keyword) {}

    private static @Nullable Bound bound(JsonNode schema, String inclusive, String exclusive, boolean lower) {
        Bound in = schema.path(inclusive).isNumber()
                ? new Bound(schema.get(inclusive).decimalValue(), false, inclusive) : null;
        Bound ex = schema.path(exclusive).isNumber()
                ? new Bound(schema.get(exclusive).decimalValue(), true, exclusive) : null;
        if (in == null || ex == null) {
            return in == null ? ex : in;
        }
        int c = in.value().compareTo(ex.value());
        return c == 0 ? ex : (c > 0) == lower ? in : ex;
    }

    /** True when {@code a} excludes values that {@code b} accepts (for a lower bound when {@code lower}). */
    private static boolean tighter(@Nullable Bound a, @Nullable Bound b, boolean lower) {
        if (a == null) {
            return false;
        }
        if (b == null) {
            return true;
        }
        int c = a.value().compareTo(b.value());
        return c == 0 ? a.exclusive() && !b.exclusive() : (c > 0) == lower;
    }

    private static String describe(@Nullable Bound bound) {
        return bound == null ? "none" : bound.keyword() + " " + bound.value().toPlainString();
    }

    private static void numbers(Site o, Site n, List<Finding> found) {
        for (boolean lower : new boolean[] {true, false}) {
            String inclusive = lower ? "minimum" : "maximum";
            String exclusive = lower ? "exclusiveMinimum" : "exclusiveMaximum";
            Bound ob = bound(o.node(), inclusive, exclusive, lower);
            Bound nb = bound(n.node(), inclusive, exclusive, lower);
            Site os = o.child(ob == null ? inclusive : ob.keyword());
            Site ns = n.child(nb == null ? inclusive : nb.keyword());
            String change = (lower ? "lower" : "upper") + " bound from " + describe(ob) + " to " + describe(nb);
            if (tighter(nb, ob, lower)) {
                found.add(Finding.of(Rule.RANGE_TIGHTENED, os, ns, "the " + change + " excludes old values"));
            }
            if (tighter(ob, nb, lower)) {
                found.add(Finding.of(Rule.RANGE_LOOSENED, os, ns, "the " + change + " admits new values"));
            }
        }
        BigDecimal om = o.node().path("multipleOf").isNumber() ? o.node().get("multipleOf").decimalValue() : null;
        BigDecimal nm = n.node().path("multipleOf").isNumber() ? n.node().get("multipleOf").decimalValue() : null;
        String change = "multipleOf from " + (om == null ? "none" : om.toPlainString()) + " to "
                + (nm == null ? "none" : nm.toPlainString());
        if (nm != null && (om == null || !divides(nm, om))) {
            found.add(Finding.of(Rule.RANGE_TIGHTENED, o.child("multipleOf"), n.child("multipleOf"),
                    change + " excludes old values"));
        }
        if (om != null && (nm == null || !divides(om, nm))) {
            found.add(Finding.of(Rule.RANGE_LOOSENED, o.child("multipleOf"), n.child("multipleOf"),
                    change + " admits new values"));
        }
    }

    /** True when every multiple of {@code multiple} is a multiple of {@code divisor}. */
    private static boolean divides(BigDecimal divisor, BigDecimal multiple) {
        return divisor.signum() != 0 && multiple.remainder(divisor).signum() == 0;
    }

    // ---- lengths ----------------------------------------------------------------------------------------------

    private static void lengths(Site o, Site n, String minKey, String maxKey, List<Finding> found) {
        long oldMin = o.node().path(minKey).asLong(0);
        long newMin = n.node().path(minKey).asLong(0);
        long oldMax = o.node().path(maxKey).isNumber() ? o.node().get(maxKey).asLong() : Long.MAX_VALUE;
        long newMax = n.node().path(maxKey).isNumber() ? n.node().get(maxKey).asLong() : Long.MAX_VALUE;
        if (newMin != oldMin) {
            String change = minKey + " changed from " + oldMin + " to " + newMin;
            found.add(newMin > oldMin
                    ? Finding.of(Rule.LENGTH_TIGHTENED, o.child(minKey), n.child(minKey), change)
                    : Finding.of(Rule.LENGTH_LOOSENED, o.child(minKey), n.child(minKey), change));
        }
        if (newMax != oldMax) {
            String change = maxKey + " changed from " + limit(oldMax) + " to " + limit(newMax);
            found.add(newMax < oldMax
                    ? Finding.of(Rule.LENGTH_TIGHTENED, o.child(maxKey), n.child(maxKey), change)
                    : Finding.of(Rule.LENGTH_LOOSENED, o.child(maxKey), n.child(maxKey), change));
        }
    }

    private static String limit(long max) {
        return max == Long.MAX_VALUE ? "none" : Long.toString(max);
    }

    // ---- pattern and format -----------------------------------------------------------------------------------

    private static void textual(Site o, Site n, String keyword, Rule added, Rule removed, Rule changed,
            List<Finding> found) {
        JsonNode ov = o.node().get(keyword);
        JsonNode nv = n.node().get(keyword);
        if (ov == null && nv != null) {
            found.add(Finding.of(added, o.child(keyword), n.child(keyword), keyword + " " + nv + " was added"));
        } else if (ov != null && nv == null) {
            found.add(Finding.of(removed, o.child(keyword), n.child(keyword), keyword + " " + ov + " was removed"));
        } else if (ov != null && !ov.equals(nv)) {
            found.add(Finding.of(changed, o.child(keyword), n.child(keyword),
                    keyword + " changed from " + ov + " to " + nv));
        }
    }

    // ---- objects ----------------------------------------------------------------------------------------------

    private void objects(Site o, Site n, List<Finding> found) {
        JsonNode oldProps = o.node().path("properties");
        JsonNode newProps = n.node().path("properties");
        Site oldExtra = o.child("additionalProperties");
        Site newExtra = n.child("additionalProperties");
        Set<String> names = new TreeSet<>();
        oldProps.propertyNames().forEach(names::add);
        newProps.propertyNames().forEach(names::add);
        for (String name : names) {
            Site op = o.child("properties").child(name);
            Site np = n.child("properties").child(name);
            if (oldProps.has(name) && newProps.has(name)) {
                found.addAll(diff(op, np));
            } else if (newProps.has(name)) {
                Rule rule = model(oldExtra, Rule.PROPERTY_ADDED_TO_OPEN_MODEL, Rule.PROPERTY_ADDED_TO_CLOSED_MODEL,
                        Rule.PROPERTY_ADDED_TO_PARTIALLY_OPEN_MODEL);
                wrap(rule, diff(oldExtra, np), oldExtra.missing() ? properties(o) : oldExtra, np,
                        "property \"" + name + "\" was added where the old version had " + content(oldExtra), found);
            } else {
                Rule rule = model(newExtra, Rule.PROPERTY_REMOVED_FROM_OPEN_MODEL,
                        Rule.PROPERTY_REMOVED_FROM_CLOSED_MODEL, Rule.PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_MODEL);
                wrap(rule, diff(op, newExtra), op, newExtra.missing() ? properties(n) : newExtra,
                        "property \"" + name + "\" was removed where the new version has " + content(newExtra), found);
            }
        }
        Set<String> oldRequired = strings(o.node().path("required"));
        Set<String> newRequired = strings(n.node().path("required"));
        int i = 0;
        for (JsonNode r : n.node().path("required")) {
            String name = r.asString();
            if (!oldRequired.contains(name)) {
                Site os = oldProps.has(name) ? o.child("properties").child(name) : o.child("required");
                found.add(Finding.of(Rule.REQUIRED_PROPERTY_ADDED, os, n.child("required").element(i),
                        "\"" + name + "\" is required by the new version but not by the old one"));
            }
            i++;
        }
        i = 0;
        for (JsonNode r : o.node().path("required")) {
            String name = r.asString();
            if (!newRequired.contains(name)) {
                Site ns = newProps.has(name) ? n.child("properties").child(name) : n.child("required");
                found.add(Finding.of(Rule.REQUIRED_PROPERTY_REMOVED, o.child("required").element(i), ns,
                        "\"" + name + "\" is required by the old version but not by the new one"));
            }
            i++;
        }
        wrap(Rule.ADDITIONAL_PROPERTIES_NARROWED, onlyNew(diff(oldExtra, newExtra)), oldExtra, newExtra,
                "additionalProperties changed from " + content(oldExtra) + " to " + content(newExtra), found);
        wrap(Rule.ADDITIONAL_PROPERTIES_WIDENED, onlyOld(diff(oldExtra, newExtra)), oldExtra, newExtra,
                "additionalProperties changed from " + content(oldExtra) + " to " + content(newExtra), found);
    }

    /** Where a property would be listed: {@code properties}, or the object schema when it has none. */
    private static Site properties(Site object) {
        return object.node().has("properties") ? object.child("properties") : object;
    }

    private static Rule model(Site extra, Rule open, Rule closed, Rule partial) {
        return isFalse(extra.node()) ? closed : extra.missing() || isTrue(extra.node()) ? open : partial;
    }

    private static String content(Site extra) {
        return isFalse(extra.node()) ? "a closed content model (additionalProperties: false)"
                : extra.missing() || isTrue(extra.node()) ? "an open content model"
                : "a partially open content model (additionalProperties: a schema)";
    }

    /** One finding of {@code rule} for the nested findings, breaking whom they break. */
    private static void wrap(Rule rule, List<Finding> nested, Site o, Site n, String detail, List<Finding> found) {
        if (nested.isEmpty()) {
            return;
        }
        boolean newConsumers = nested.stream().anyMatch(Finding::breaksNewConsumers);
        boolean oldConsumers = nested.stream().anyMatch(Finding::breaksOldConsumers);
        found.add(new Finding(rule, newConsumers, oldConsumers, o, n, detail + " (" + nested.get(0).detail() + ")"));
    }

    private static List<Finding> onlyNew(List<Finding> findings) {
        return findings.stream().filter(Finding::breaksNewConsumers).toList();
    }

    private static List<Finding> onlyOld(List<Finding> findings) {
        return findings.stream().filter(Finding::breaksOldConsumers).toList();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    // ---- anyOf / oneOf ----------------------------------------------------------------------------------------

    private static boolean isUnion(JsonNode schema) {
        return schema.path("anyOf").isArray() || schema.path("oneOf").isArray();
    }

    /**
     * Each old branch must be accepted by some new branch (else new consumers break) and each new branch by some
     * old branch (else old consumers break); a branch without a match reports what its closest match rejects.
     */
    private List<Finding> unions(Site o, Site n) {
        List<Site> oldBranches = branches(o);
        List<Site> newBranches = branches(n);
        List<Finding> found = new ArrayList<>();
        for (Site ob : oldBranches) {
            found.addAll(closest(ob, newBranches, true));
        }
        for (Site nb : newBranches) {
            found.addAll(closest(nb, oldBranches, false));
        }
        return found;
    }

    private List<Finding> closest(Site branch, List<Site> others, boolean branchIsOld) {
        List<Finding> best = null;
        for (Site other : others) {
            List<Finding> findings = branchIsOld ? onlyNew(diff(branch, other)) : onlyOld(diff(other, branch));
            if (best == null || findings.size() < best.size()) {
                best = findings;
            }
            if (best.isEmpty()) {
                break;
            }
        }
        return best == null ? List.of() : best;
    }

    /** The branches of a union, each with the union's sibling keywords; the schema itself when it is none. */
    private static List<Site> branches(Site s) {
        String keyword = s.node().path("anyOf").isArray() ? "anyOf" : s.node().path("oneOf").isArray() ? "oneOf" : null;
        if (keyword == null) {
            return List.of(s);
        }
        ObjectNode siblings = SchemaReader.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> e : s.node().properties()) {
            if (!e.getKey().equals(keyword) && !ANNOTATIONS.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                siblings.set(e.getKey(), e.getValue());
            }
        }
        List<Site> branches = new ArrayList<>();
        for (int i = 0; i < s.node().get(keyword).size(); i++) {
            Site branch = s.child(keyword).element(i).resolve();
            if (siblings.isEmpty() || !branch.node().isObject()) {
                branches.add(branch);
            } else {
                ObjectNode merged = siblings.deepCopy();
                merged.setAll((ObjectNode) branch.node());
                branches.add(branch.with(merged));
            }
        }
        return branches;
    }

    // ---- everything else --------------------------------------------------------------------------------------

    private static void others(Site o, Site n, List<Finding> found) {
        Set<String> keys = new TreeSet<>();
        o.node().propertyNames().forEach(keys::add);
        n.node().propertyNames().forEach(keys::add);
        for (String key : keys) {
            boolean tuple = key.equals("items") && (o.node().path(key).isArray() || n.node().path(key).isArray());
            if (ANNOTATIONS.contains(key) || key.startsWith("x-") || (COMPARED.contains(key) && !tuple)) {
                continue;
            }
            JsonNode ov = o.node().get(key);
            JsonNode nv = n.node().get(key);
            if (ov == null || !ov.equals(nv)) {
                found.add(Finding.of(Rule.KEYWORD_CHANGED, o.child(key), n.child(key),
                        "\"" + key + "\" changed from " + (ov == null ? "absent" : ov) + " to "
                                + (nv == null ? "absent" : nv)));
            }
        }
    }

    /** True for an absent schema, {@code true}, or an object with annotations only. */
    private static boolean acceptsAll(JsonNode schema) {
        if (schema.isMissingNode() || isTrue(schema)) {
            return true;
        }
        if (!schema.isObject()) {
            return false;
        }
        for (String key : schema.propertyNames()) {
            if (!ANNOTATIONS.contains(key) && !key.startsWith("x-")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFalse(JsonNode schema) {
        return schema.isBoolean() && !schema.asBoolean();
    }

    private static boolean isTrue(JsonNode schema) {
        return schema.isBoolean() && schema.asBoolean();
    }
}
