package io.kafkaesk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The headers and keys of published records as kafkaesk builds them: which headers of a consumed record travel on
 * to the records its handler publishes (the propagation allow-list), and text keys and headers as bytes.
 *
 * <p>Propagated, when the consumed record has them ({@link #PROPAGATED}): W3C trace context ({@code traceparent},
 * {@code tracestate}, {@code baggage}), request ids ({@code x-request-id}, {@code x-correlation-id},
 * {@code correlation-id}) and Zipkin B3 ({@code b3}, {@code x-b3-*}). Nothing else travels on: not
 * {@code kafkaesk.error.*} (a dead letter's reasons), not the type or schema headers of other libraries, not
 * application headers; a handler passes those explicitly.
 */
public final class PublishHeaders {
    /**
     * The names of the headers a handler's publishes carry on from the record it handles, lower case; matched
     * without regard to case.
     */
    public static final Set<String> PROPAGATED = Set.of("traceparent", "tracestate", "baggage", "x-request-id",
            "x-correlation-id", "correlation-id", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid",
            "x-b3-sampled");

    private PublishHeaders() {}

    /** True when a consumed header of this name travels on to a handler's publishes. */
    public static boolean propagates(String name) {
        return PROPAGATED.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The headers of a record published while handling {@code consumed}: the consumed record's headers on the
     * allow-list, in their order, then {@code extra} as given.
     */
    public static RecordHeaders propagated(Iterable<Header> consumed, Iterable<Header> extra) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : consumed) {
            if (propagates(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        for (Header h : extra) {
            headers.add(h.key(), h.value());
        }
        return headers;
    }

    /** Text headers as record headers, their values UTF-8, in the map's iteration order. */
    public static List<Header> of(Map<String, String> headers) {
        List<Header> list = new ArrayList<>(headers.size());
        headers.forEach((name, value) -> list.add(new RecordHeader(Objects.requireNonNull(name, "header name"),
                Objects.requireNonNull(value, () -> "value of header " + name).getBytes(StandardCharsets.UTF_8))));
        return list;
    }

    /** A text record key as UTF-8 bytes; null stays null (the schema's key pointer decides). */
    public static byte @Nullable [] key(@Nullable String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
}
