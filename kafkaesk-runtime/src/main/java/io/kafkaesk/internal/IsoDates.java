package io.kafkaesk.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.javatime.ser.LocalDateSerializer;
import tools.jackson.databind.ext.javatime.ser.OffsetDateTimeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * Owns the text of a date-time ({@link OffsetDateTime}) and a date ({@link LocalDate}) in a message: exactly what
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} and {@link DateTimeFormatter#ISO_LOCAL_DATE} write, which is what
 * Jackson writes by default, written digit by digit. The formatters interpret a pattern for every value, which took
 * longer than writing the rest of a small message; kafkaesk's mapper writes these texts through {@link #module()},
 * and the generated validators read the same texts ({@code SchemaChecks.text}).
 *
 * <p>The ISO forms: the year in at least four digits, with a sign when it is negative or has more than four
 * ({@code -0001}, {@code +10000}); the seconds always; a fraction only when there is one, without trailing zeros
 * ({@code .5}, {@code .000001}); the offset as {@code Z} for UTC, else {@code +hh:mm}, with {@code :ss} when it
 * has seconds.
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
        if (year < 0) {
            out[n++] = '-';
        } else if (year > 9999) {
            out[n++] = '+';
        }
        String digits = Integer.toString(Math.abs(year));
        for (int pad = digits.length(); pad < 4; pad++) {
            out[n++] = '0';
        }
        digits.getChars(0, digits.length(), out, n);
        n += digits.length();
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
     * The module that makes kafkaesk's mapper write date-times and dates with {@link #format}. A property that names
     * its own {@code @JsonFormat} is written by Jackson's serializer, as it would be without the module.
     */
    static JacksonModule module() {
        SimpleModule module = new SimpleModule("kafkaesk-iso-dates");
        module.addSerializer(OffsetDateTime.class, new Writer<>(OffsetDateTime.class, OffsetDateTimeSerializer.INSTANCE) {
            @Override
            String text(OffsetDateTime value) {
                return format(value);
            }
        });
        module.addSerializer(LocalDate.class, new Writer<>(LocalDate.class, LocalDateSerializer.INSTANCE) {
            @Override
            String text(LocalDate value) {
                return format(value);
            }
        });
        return module;
    }

    /** Writes a value as its ISO text, or hands a property with a format of its own to Jackson's serializer. */
    private abstract static class Writer<T> extends StdScalarSerializer<T> {
        private final ValueSerializer<T> standard;

        Writer(Class<T> type, ValueSerializer<T> standard) {
            super(type);
            this.standard = standard;
        }

        abstract String text(T value);

        @Override
        public void serialize(T value, JsonGenerator g, SerializationContext ctxt) throws JacksonException {
            g.writeString(text(value));
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext ctxt, BeanProperty property) {
            if (findFormatOverrides(ctxt, property, handledType()).equals(JsonFormat.Value.empty())) {
                return this;
            }
            return standard.createContextual(ctxt, property);
        }
    }
}
