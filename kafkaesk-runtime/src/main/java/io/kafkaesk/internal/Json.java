package io.kafkaesk.internal;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one {@link JsonMapper} kafkaesk uses to turn data objects into JSON and back.
 *
 * <p>Configured from Jackson 3's defaults with one change: {@code ADJUST_DATES_TO_CONTEXT_TIME_ZONE} is off, so
 * an {@code OffsetDateTime} read from a message keeps the sender's offset instead of being moved to UTC.
 * Integers of any size stay exact (Jackson picks int, long or BigInteger by magnitude), and a number binds to an
 * integer type only when it is whole ({@link ExactIntegers}: {@code 1.5} for a {@code long} is an error, not
 * {@code 1}); non-ASCII text is written
 * as raw UTF-8; unknown properties are ignored on read (Jackson 3's default), so a reader tolerates newer
 * writers that added fields. Date-times and dates are written as Jackson writes them, by {@link IsoDates}.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedHybridPool())
                    .build())
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .addModule(ExactIntegers.module())
            .addModule(IsoDates.module())
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
