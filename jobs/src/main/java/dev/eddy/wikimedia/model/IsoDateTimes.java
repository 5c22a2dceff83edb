package dev.eddy.wikimedia.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with an offset ({@link
 * java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME}), as epoch milliseconds. The forms
 * Wikimedia sends, {@code 2018-03-07T16:16:17+00:00} and {@code 2025-08-29T06:45:17.001Z}, are read
 * by hand without allocating; anything else goes to {@link OffsetDateTime#parse}, so both accept
 * and reject exactly the same texts.
 */
final class IsoDateTimes {

    private static final int SECONDS_PER_DAY = 86_400;

    private IsoDateTimes() {}

    /**
     * @throws DateTimeParseException if the text is not an ISO-8601 date-time with offset
     */
    static long epochMillis(String text) {
        long millis = commonForm(text);
        return millis != Long.MIN_VALUE
                ? millis
                : OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss}, then an optional fraction of 1 to 9 digits, then {@code Z} or
     * {@code ±HH:MM}; {@link Long#MIN_VALUE} for any other text (also for an invalid date, which
     * the general parser then rejects with its own message).
     */
    private static long commonForm(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23) {
            return Long.MIN_VALUE;
        }
        if (minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        int position = 19;
        int millisOfSecond = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && isDigit(text.charAt(position))) {
                position++;
            }
            int fractionDigits = position - start;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            millisOfSecond = digits(text, start, Math.min(3, fractionDigits));
            for (int i = fractionDigits; i < 3; i++) {
                millisOfSecond *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, position);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long epochSecond =
                epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond * 1000 + millisOfSecond;
    }

    /** {@code Z} or {@code ±HH:MM} ending the text at {@code position}; else Integer.MIN_VALUE. */
    private static int offsetSeconds(String text, int position) {
        int rest = text.length() - position;
        if (rest == 1 && text.charAt(position) == 'Z') {
            return 0;
        }
        if (rest != 6 || text.charAt(position + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(position);
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((sign != '+' && sign != '-')
                || hours < 0
                || hours > 17
                || minutes < 0
                || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** The number written by {@code count} ASCII digits at {@code start}; -1 if not all digits. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
