package io.kafkaesk.spring.internal;

/** A required {@code kafkaesk.*} property has no value; the failure analyzer turns it into a startup report. */
public final class MissingPropertyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the property's name, such as {@code kafkaesk.servers}
     * @param meaning what the property holds
     * @param action what to set, with an example
     */
    public MissingPropertyException(String property, String meaning, String action) {
        super("The property " + property + " is missing: kafkaesk needs " + meaning + ". Set " + action + ".");
        this.property = property;
        this.action = action;
    }

    /** The property's name. */
    public String property() {
        return property;
    }

    /** What to set. */
    public String action() {
        return action;
    }
}
