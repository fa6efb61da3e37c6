package io.kafkaesk.logging;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The log record's {@code timestamp} as both languages write and read it: UTC without an offset, as Python's
 * {@code datetime.utcnow().isoformat()} writes it ({@code 2026-12-02T05:11:17.355924}).
 *
 * <pre>{@code
 * Instant when = LogTimestamps.parse(record.getTimestamp());
 * }</pre>
 */
public final class LogTimestamps {
    private LogTimestamps() {}

    /**
     * The instant as Python writes it: {@code yyyy-MM-ddTHH:mm:ss} in UTC, then six fraction digits unless the
     * microseconds are zero (Python's {@code isoformat()} leaves the fraction out then); no offset.
     */
    public static String format(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String seconds = utc.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        int micros = utc.getNano() / 1_000;
        return micros == 0 ? seconds : seconds + String.format(".%06d", micros);
    }

    /**
     * The instant a record's timestamp stands for: a time without offset is UTC (what Python and Java write); one
     * with an offset ({@code Z}, {@code +00:00}, {@code +05:30}) is read as written.
     *
     * @throws DateTimeParseException when the text is not an ISO-8601 date and time
     */
    public static Instant parse(String timestamp) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(timestamp);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant();
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }
}
