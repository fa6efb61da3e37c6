package io.kafkaesk.internal.consumer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What became of one record, as a {@link RecordProcessor} reports it to the engine. */
public final class Outcome {
    /** The kinds of outcome. */
    public enum Kind {
        /** The record is done (handled, skipped or dead-lettered): its offset may be committed. */
        DONE,
        /** The record was given up because its partition was revoked or the engine is stopping; not committed. */
        ABANDONED,
        /** The handler asked to stop this subscription gracefully; the record is not committed. */
        STOP,
        /** The record failed for good and the subscription must stop without committing it. */
        FAIL
    }

    private static final Outcome DONE = new Outcome(Kind.DONE, null);
    private static final Outcome ABANDONED = new Outcome(Kind.ABANDONED, null);
    private static final Outcome STOP = new Outcome(Kind.STOP, null);

    private final Kind kind;
    private final @Nullable Throwable failure;

    private Outcome(Kind kind, @Nullable Throwable failure) {
        this.kind = kind;
        this.failure = failure;
    }

    /** The record is done. */
    public static Outcome done() {
        return DONE;
    }

    /** The record was given up without being done. */
    public static Outcome abandoned() {
        return ABANDONED;
    }

    /** Stop the subscription gracefully; the record is not done. */
    public static Outcome stop() {
        return STOP;
    }

    /** Stop the subscription because of {@code failure}; the record is not done. */
    public static Outcome fail(Throwable failure) {
        return new Outcome(Kind.FAIL, Objects.requireNonNull(failure));
    }

    /** The kind of outcome. */
    public Kind kind() {
        return kind;
    }

    /** The failure of a {@link Kind#FAIL} outcome, else null. */
    public @Nullable Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return failure == null ? kind.toString() : kind + "(" + failure + ")";
    }
}
