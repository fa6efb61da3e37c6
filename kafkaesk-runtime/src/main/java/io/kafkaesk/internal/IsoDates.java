package io.kafkaesk.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.ser.LocalDateSerializer;
import tools.jackson.databind.ext.javatime.ser.OffsetDateTimeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Owns the text of a date-time ({@link OffsetDateTime}) and a date ({@link LocalDate}) in a message: exactly what
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} and {@link DateTimeFormatter#ISO_LOCAL_DATE} write, which is what
 * Jackson writes by default, written digit by digit; and the reading of values written in those forms. The
 * formatters interpret a pattern for every value, which took longer than writing the rest of a small message;
 * kafkaesk's mapper writes and reads these texts through {@link #module()}, and the generated validators read the
 * same texts ({@code SchemaChecks.text}).
 *
 * <p>The ISO forms: the year in at least four digits, with a sign when it is negative or has more than four
 * ({@code -0001}, {@code +10000}); the seconds always; a fraction only when there is one, without trailing zeros
 * ({@code .5}, {@code .000001}); the offset as {@code Z} for UTC, else {@code +hh:mm}, with {@code :ss} when it
 * has seconds. Reading takes the common form, {@code yyyy-MM-ddTHH:mm:ss}, up to nine fraction digits and
 * {@code Z} or {@code +hh:mm} (what kafkaesk and Python kafkaesk write), or {@code yyyy-MM-dd} for a date, and hands
 * any other text to Jackson's reader, which accepts or refuses it as it would without the module. A mapper, writer or
 * reader set to another form (timestamps, milliseconds only, a time zone of its own, dates adjusted to it) gets
 * Jackson's own serializer and reader.
 */
public final class IsoDates {
    private IsoDates() {}

    /** The text of a date-time, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} formats it. */
    public static String format(OffsetDateTime t) {
        char[] out = new char[48];
        int n = date(out, 0, t.toLocalDate());
        out[n++] = 'T';
        n = time(out, n, t.toLocalTime());
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            out[n++] = 'Z';
        } else {
            out[n++] = offset < 0 ? '-' : '+';
            int abs = Math.abs(offset);
            n = two(out, n, abs / 3600);
            out[n++] = ':';
            n = two(out, n, abs / 60 % 60);
            if (abs % 60 != 0) {
                out[n++] = ':';
                n = two(out, n, abs % 60);
            }
        }
        return new String(out, 0, n);
    }

    /** The text of a date, as {@link DateTimeFormatter#ISO_LOCAL_DATE} formats it. */
    public static String format(LocalDate d) {
        char[] out = new char[16];
        return new String(out, 0, date(out, 0, d));
    }

    private static int date(char[] out, int n, LocalDate d) {
        int year = d.getYear();
        if (year >= 0 && year <= 9999) {
            n = two(out, two(out, n, year / 100), year % 100);
        } else {
            out[n++] = year < 0 ? '-' : '+';
            String digits = Integer.toString(Math.abs(year));
            for (int pad = digits.length(); pad < 4; pad++) {
                out[n++] = '0';
            }
            digits.getChars(0, digits.length(), out, n);
            n += digits.length();
        }
        out[n++] = '-';
        n = two(out, n, d.getMonthValue());
        out[n++] = '-';
        return two(out, n, d.getDayOfMonth());
    }

    private static int time(char[] out, int n, LocalTime t) {
        n = two(out, n, t.getHour());
        out[n++] = ':';
        n = two(out, n, t.getMinute());
        out[n++] = ':';
        n = two(out, n, t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            out[n++] = '.';
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            for (int i = n + digits - 1; i >= n; i--) {
                out[i] = (char) ('0' + nano % 10);
                nano /= 10;
            }
            n += digits;
        }
        return n;
    }

    private static int two(char[] out, int n, int value) {
        out[n] = (char) ('0' + value / 10);
        out[n + 1] = (char) ('0' + value % 10);
        return n + 2;
    }

    /**
     * The module that makes kafkaesk's mapper write date-times and dates with {@link #format} and read them with
     * {@link #parse} and {@link #parseDate}. A property that names its own {@code @JsonFormat} is written and read
     * by Jackson's serializer and deserializer, as it would be without the module.
     */
    static JacksonModule module() {
        SimpleModule module = new SimpleModule("kafkaesk-iso-dates");
        module.addSerializer(OffsetDateTime.class,
                new Writer<>(OffsetDateTime.class, OffsetDateTimeSerializer.INSTANCE, IsoDates::format));
        module.addSerializer(LocalDate.class,
                new Writer<>(LocalDate.class, LocalDateSerializer.INSTANCE, IsoDates::format));
        module.addDeserializer(OffsetDateTime.class,
                new Reader<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME, IsoDates::parse));
        module.addDeserializer(LocalDate.class,
                new Reader<>(LocalDate.class, LocalDateDeserializer.INSTANCE, IsoDates::parseDate));
        return module;
    }

    /**
     * A date-time in the common form {@code yyyy-MM-ddTHH:mm:ss[.f](Z|+hh:mm)}, the value java.time's ISO parser
     * reads from it; null for any other text, and for a date or time that does not exist.
     */
    public static @Nullable OffsetDateTime parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    private static @Nullable OffsetDateTime parse(char[] c, int from, int length) {
        int end = from + length;
        if (length < 20 || c[from + 4] != '-' || c[from + 7] != '-' || c[from + 10] != 'T' || c[from + 13] != ':'
                || c[from + 16] != ':') {
            return null;
        }
        int year = digits(c, from, 4);
        int month = digits(c, from + 5, 2);
        int day = digits(c, from + 8, 2);
        int hour = digits(c, from + 11, 2);
        int minute = digits(c, from + 14, 2);
        int second = digits(c, from + 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = from + 19;
        int nano = 0;
        if (c[i] == '.') {
            int first = ++i;
            while (i < end && i - first < 9 && c[i] >= '0' && c[i] <= '9') {
                nano = nano * 10 + (c[i++] - '0');
            }
            if (i == first) {
                return null;
            }
            for (int scale = i - first; scale < 9; scale++) {
                nano *= 10;
            }
        }
        int offset;
        if (i == end - 1 && c[i] == 'Z') {
            offset = 0;
        } else if (i == end - 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
            int hours = digits(c, i + 1, 2);
            int minutes = digits(c, i + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offset = (c[i] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, ZoneOffset.ofTotalSeconds(offset));
        } catch (DateTimeException e) {
            return null; // not a real date or time: Jackson's reader says why
        }
    }

    /**
     * A date written {@code yyyy-MM-dd}, the value java.time's ISO parser reads from it; null for any other text, and
     * for a date that does not exist.
     */
    public static @Nullable LocalDate parseDate(String text) {
        return parseDate(text.toCharArray(), 0, text.length());
    }

    private static @Nullable LocalDate parseDate(char[] c, int from, int length) {
        if (length != 10 || c[from + 4] != '-' || c[from + 7] != '-') {
            return null;
        }
        int year = digits(c, from, 4);
        int month = digits(c, from + 5, 2);
        int day = digits(c, from + 8, 2);
        if ((year | month | day) < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // not a real date: Jackson's reader says why
        }
    }

    /** The value of {@code count} decimal digits, or -1 when one is not a digit. */
    private static int digits(char[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Writes a value as its ISO text, or hands a property with a format of its own to Jackson's serializer. */
    private static final class Writer<T> extends StdScalarSerializer<T> {
        private final ValueSerializer<T> standard;
        private final Function<T, String> text;

        Writer(Class<T> type, ValueSerializer<T> standard, Function<T, String> text) {
            super(type);
            this.standard = standard;
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            if (writesIsoText(ctxt)) {
                g.writeString(text.apply(value));
            } else {
                standard.serialize(value, g, ctxt);
            }
        }

        /**
         * Whether Jackson would write the ISO text: not when a mapper or writer asks for timestamps, for
         * milliseconds only, or for the values in a time zone of its own (kafkaesk's mapper asks for none of them).
         */
        private static boolean writesIsoText(SerializationContext ctxt) {
            return !ctxt.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                    && !ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE)
                    && !ctxt.getConfig().hasExplicitTimeZone();
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            if (findFormatOverrides(ctxt, property, handledType()).equals(JsonFormat.Value.empty())) {
                return this;
            }
            return standard.createContextual(ctxt, property);
        }
    }

    /** The common form of a value's text, read from a parser's characters: null for any other text. */
    @FunctionalInterface
    private interface CommonForm<T> {
        @Nullable T parse(char[] c, int from, int length);
    }

    /** Reads a value in the common form, or hands the text (and any property with a format) to Jackson. */
    private static final class Reader<T> extends StdScalarDeserializer<T> {
        private final ValueDeserializer<T> standard;
        private final CommonForm<T> common;

        Reader(Class<T> type, ValueDeserializer<T> standard, CommonForm<T> common) {
            super(type);
            this.standard = standard;
            this.common = common;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.hasToken(JsonToken.VALUE_STRING)
                    && !ctxt.isEnabled(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                    && !ctxt.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
                T value = common.parse(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
                if (value != null) {
                    return value;
                }
            }
            return standard.deserialize(p, ctxt);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ValueDeserializer<?> contextual = standard.createContextual(ctxt, property);
            if (!findFormatOverrides(ctxt, property, handledType()).equals(JsonFormat.Value.empty())) {
                return contextual;
            }
            return new Reader<>((Class<T>) handledType(), (ValueDeserializer<T>) contextual, common);
        }
    }
}
