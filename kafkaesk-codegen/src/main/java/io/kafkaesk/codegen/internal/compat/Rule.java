package io.kafkaesk.codegen.internal.compat;

/**
 * The compatibility rules: each names one kind of change between an old and a new version of a schema, says which
 * consumers it breaks, and what to do instead. The ids are stable; the plugin's README has a table of them.
 */
public enum Rule {
    TYPE_NARROWED("type-narrowed", Breaks.NEW_CONSUMERS,
            "use a type that accepts every value the old version accepted (integer -> number, add \"null\")"),
    TYPE_WIDENED("type-widened", Breaks.OLD_CONSUMERS,
            "keep the old type, or publish the wider type as a new schema id"),
    REQUIRED_PROPERTY_ADDED("required-property-added", Breaks.NEW_CONSUMERS,
            "make the property optional (leave it out of \"required\"), or publish it under a new schema id"),
    REQUIRED_PROPERTY_REMOVED("required-property-removed", Breaks.OLD_CONSUMERS,
            "keep the property required, or publish the change under a new schema id"),
    PROPERTY_ADDED_TO_OPEN_MODEL("property-added-to-open-model", Breaks.NEW_CONSUMERS,
            "old messages may hold any value under this name: give the property a schema that accepts any value, or "
                    + "close the content model (\"additionalProperties\": false) in a new schema id"),
    PROPERTY_ADDED_TO_CLOSED_MODEL("property-added-to-closed-model", Breaks.OLD_CONSUMERS,
            "old consumers reject unknown properties: publish the property under a new schema id, or use BACKWARD"),
    PROPERTY_ADDED_TO_PARTIALLY_OPEN_MODEL("property-added-to-partially-open-model", Breaks.BOTH,
            "give the new property a schema equal to the old \"additionalProperties\" schema"),
    PROPERTY_REMOVED_FROM_OPEN_MODEL("property-removed-from-open-model", Breaks.OLD_CONSUMERS,
            "new messages may hold any value under the removed name: keep the property, or forbid it "
                    + "(\"not\": {}) so that new producers cannot write it"),
    PROPERTY_REMOVED_FROM_CLOSED_MODEL("property-removed-from-closed-model", Breaks.NEW_CONSUMERS,
            "new consumers reject old messages that still carry it: keep the property (optional), or open the model"),
    PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_MODEL("property-removed-from-partially-open-model", Breaks.BOTH,
            "keep the property, or make \"additionalProperties\" accept exactly what it accepted"),
    ADDITIONAL_PROPERTIES_NARROWED("additional-properties-narrowed", Breaks.NEW_CONSUMERS,
            "keep \"additionalProperties\" as it was, or list the extra properties the old version allowed"),
    ADDITIONAL_PROPERTIES_WIDENED("additional-properties-widened", Breaks.OLD_CONSUMERS,
            "keep \"additionalProperties\" as it was, or publish the open model under a new schema id"),
    ENUM_VALUE_REMOVED("enum-value-removed", Breaks.NEW_CONSUMERS,
            "keep every old enum value (mark it deprecated in the description instead)"),
    ENUM_VALUE_ADDED("enum-value-added", Breaks.OLD_CONSUMERS,
            "old consumers reject the new value: use BACKWARD if consumers upgrade first, or a new schema id"),
    RANGE_TIGHTENED("range-tightened", Breaks.NEW_CONSUMERS,
            "keep the old minimum/maximum/multipleOf; validate the tighter range in the application instead"),
    RANGE_LOOSENED("range-loosened", Breaks.OLD_CONSUMERS,
            "keep the old minimum/maximum/multipleOf, or publish the wider range under a new schema id"),
    LENGTH_TIGHTENED("length-tightened", Breaks.NEW_CONSUMERS,
            "keep the old length limit (minLength/maxLength/minItems/maxItems/minProperties/maxProperties)"),
    LENGTH_LOOSENED("length-loosened", Breaks.OLD_CONSUMERS,
            "keep the old length limit, or publish the longer values under a new schema id"),
    PATTERN_ADDED("pattern-added", Breaks.NEW_CONSUMERS,
            "old messages may not match the pattern: leave it out, or publish it under a new schema id"),
    PATTERN_REMOVED("pattern-removed", Breaks.OLD_CONSUMERS,
            "keep the pattern, or publish the free-form value under a new schema id"),
    PATTERN_CHANGED("pattern-changed", Breaks.BOTH,
            "keep the old pattern; kafkaesk cannot prove that two regular expressions accept the same strings"),
    FORMAT_ADDED("format-added", Breaks.NEW_CONSUMERS,
            "old messages may not have this format (kafkaesk asserts formats): leave it out or use a new schema id"),
    FORMAT_REMOVED("format-removed", Breaks.OLD_CONSUMERS,
            "keep the format, or publish the free-form value under a new schema id"),
    FORMAT_CHANGED("format-changed", Breaks.BOTH,
            "keep the old format, or publish the new one under a new schema id"),
    SCHEMA_CLOSED("schema-closed", Breaks.NEW_CONSUMERS,
            "the new schema is false and accepts nothing: use a schema that accepts the old values"),
    SCHEMA_OPENED("schema-opened", Breaks.OLD_CONSUMERS,
            "the old schema was false and accepted nothing: keep it false, or use a new schema id"),
    KEYWORD_CHANGED("keyword-changed", Breaks.BOTH,
            "kafkaesk does not compare this keyword, so any change to it counts as breaking: keep it as it was, "
                    + "or set \"compatibility\": \"NONE\" in x-kafkaesk if you have checked the change yourself");

    /** Which consumers a change breaks, seen from the change's usual direction. */
    public enum Breaks {
        /** Consumers of the new version cannot read messages of the old one (a BACKWARD violation). */
        NEW_CONSUMERS,
        /** Consumers of the old version cannot read messages of the new one (a FORWARD violation). */
        OLD_CONSUMERS,
        /** Either, depending on the schemas involved. */
        BOTH
    }

    private final String id;
    private final Breaks breaks;
    private final String fix;

    Rule(String id, Breaks breaks, String fix) {
        this.id = id;
        this.breaks = breaks;
        this.fix = fix;
    }

    /** The stable id, such as {@code required-property-added}. */
    public String id() {
        return id;
    }

    /** Which consumers the change usually breaks. */
    public Breaks breaks() {
        return breaks;
    }

    /** What to do instead. */
    public String fix() {
        return fix;
    }
}
