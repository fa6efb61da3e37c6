package io.kafkaesk.codegen.internal.compat;

/**
 * One incompatible change between an old and a new version of a schema.
 *
 * @param rule the rule it breaks
 * @param breaksNewConsumers consumers of the new version cannot read some messages of the old one (BACKWARD)
 * @param breaksOldConsumers consumers of the old version cannot read some messages of the new one (FORWARD)
 * @param oldSite where in the old version
 * @param newSite where in the new version
 * @param detail what changed, in a sentence
 */
record Finding(Rule rule, boolean breaksNewConsumers, boolean breaksOldConsumers, Site oldSite, Site newSite,
        String detail) {

    /** A finding that breaks the consumers its rule usually breaks. */
    static Finding of(Rule rule, Site oldSite, Site newSite, String detail) {
        return new Finding(rule, rule.breaks() != Rule.Breaks.OLD_CONSUMERS, rule.breaks() != Rule.Breaks.NEW_CONSUMERS,
                oldSite, newSite, detail);
    }

    /** A finding that breaks new consumers only. */
    static Finding newConsumers(Rule rule, Site oldSite, Site newSite, String detail) {
        return new Finding(rule, true, false, oldSite, newSite, detail);
    }

    /** A finding that breaks old consumers only. */
    static Finding oldConsumers(Rule rule, Site oldSite, Site newSite, String detail) {
        return new Finding(rule, false, true, oldSite, newSite, detail);
    }
}
