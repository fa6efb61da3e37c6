package io.kafkaesk;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The checks that generated quick checks ({@link MessageSchema.Builder#quickCheck}) are made of, each
 * conservative: true only when the value, written by kafkaesk's mapper, certainly satisfies the keyword; false
 * when it does not or when the answer is not certain, and the runtime's validator then decides.
 *
 * <p>kafkaesk's own validator uses the same format checks for the values it reads while data is written, so
 * both agree with the full JSON Schema validator they stand in for (their tests compare case by case).
 */
public final class QuickChecks {
    /** The years a {@code date} or {@code date-time} is written with four digits and no sign. */
    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final int MAX_OFFSET_SECONDS = 14 * 3600;

    private QuickChecks() {}

    /**
     * Whether a string's length in code points is within bounds ({@code -1} for no bound). Strings with
     * surrogate pairs are left to the validator.
     */
    public static boolean length(String s, int minLength, int maxLength) {
        int length = s.length();
        if (s.codePointCount(0, length) != length) {
            return false;
        }
        return (minLength < 0 || length >= minLength) && (maxLength < 0 || length <= maxLength);
    }

    /**
     * Whether a timestamp is written as a certain {@code date-time}: kafkaesk's mapper writes an
     * {@code OffsetDateTime} in ISO-8601 ({@code 2026-11-27T13:24:03.5+01:00}), which is RFC 3339 for years 1 to
     * 9999 and offsets of whole minutes up to 14 hours.
     */
    public static boolean dateTime(OffsetDateTime value) {
        int offset = value.getOffset().getTotalSeconds();
        return value.getYear() >= MIN_YEAR && value.getYear() <= MAX_YEAR && offset % 60 == 0
                && Math.abs(offset) <= MAX_OFFSET_SECONDS;
    }

    /** Whether a date is written as a certain {@code date} ({@code YYYY-MM-DD}): years 1 to 9999. */
    public static boolean date(LocalDate value) {
        return value.getYear() >= MIN_YEAR && value.getYear() <= MAX_YEAR;
    }

    /** Whether {@code s} is certainly a {@code date}: {@code YYYY-MM-DD}, a real calendar date, years 1 to 9999. */
    public static boolean date(String s) {
        return s.length() == 10 && dateAtStart(s);
    }

    /** Whether a number is written as a JSON number: finite (NaN and infinities are not). */
    public static boolean finite(double value) {
        return Double.isFinite(value);
    }

    /**
     * Whether {@code s} is certainly a {@code date-time}: strict RFC 3339,
     * {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+HH:MM|-HH:MM)}, upper-case {@code T} and {@code Z}, a real calendar
     * date from year 1 to 9999, no leap second, an offset of at most 14 hours. False for anything else, valid
     * or not.
     */
    public static boolean dateTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(10) != 'T' || !dateAtStart(s)) {
            return false;
        }
        if (s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start < 1 || i - start > 9) {
                return false;
            }
        }
        if (i >= n) {
            return false;
        }
        char zone = s.charAt(i);
        if (zone == 'Z') {
            return i + 1 == n;
        }
        if ((zone != '+' && zone != '-') || n - i != 6 || s.charAt(i + 3) != ':') {
            return false;
        }
        int offsetHours = digits(s, i + 1, 2);
        int offsetMinutes = digits(s, i + 4, 2);
        if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
            return false;
        }
        if (offsetHours > 14 || (offsetHours == 14 && offsetMinutes > 0)) {
            return false;
        }
        return !(zone == '-' && offsetHours == 0 && offsetMinutes == 0); // "unknown local offset": let it decide
    }

    /** {@code YYYY-MM-DD} at the start of {@code s}, a real calendar date from year 1 to 9999. */
    private static boolean dateAtStart(String s) {
        if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /** Whether {@code s} is certainly a {@code uuid}: lower- or upper-case {@code 8-4-4-4-12} hexadecimal. */
    public static boolean uuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
