package dev.eddy.sse.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Event times of recentchange-like JSON events: {@code meta.dt} (ISO-8601 with an offset, with or
 * without fractions of a second), else {@code timestamp} (epoch seconds).
 */
final class EventTimes {

    private static final DateTimeFormatter SECONDS_WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MILLIS_WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final DateTimeFormatter SECONDS_ZULU =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS_ZULU =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private EventTimes() {}

    /** The event time of a JSON event in epoch millis, or {@link ReplayEvent#NO_EVENT_TIME}. */
    static long of(JsonNode event) {
        JsonNode dt = event.path("meta").path("dt");
        if (dt.isTextual()) {
            long millis = parseIso(dt.asText());
            if (millis != ReplayEvent.NO_EVENT_TIME) {
                return millis;
            }
        }
        JsonNode timestamp = event.get("timestamp");
        if (timestamp != null && timestamp.canConvertToLong()) {
            return timestamp.asLong() * 1000;
        }
        return ReplayEvent.NO_EVENT_TIME;
    }

    /**
     * Epoch millis of an ISO-8601 date-time with an offset, or {@link ReplayEvent#NO_EVENT_TIME}.
     */
    static long parseIso(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return ReplayEvent.NO_EVENT_TIME;
        }
    }

    /**
     * The date-time moved by {@code shiftMillis}, written as the original was: same offset, {@code
     * Z} if it used {@code Z}, milliseconds only if it had a fraction.
     */
    static String shiftIso(String text, long shiftMillis) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        OffsetDateTime shifted = time.plusNanos(shiftMillis * 1_000_000L);
        boolean zulu = text.endsWith("Z") || text.endsWith("z");
        boolean fraction = text.indexOf('.') >= 0;
        DateTimeFormatter format =
                zulu
                        ? (fraction ? MILLIS_ZULU : SECONDS_ZULU)
                        : (fraction ? MILLIS_WITH_OFFSET : SECONDS_WITH_OFFSET);
        return format.format(shifted);
    }

    /** Parses a {@code since} value: an ISO-8601 date-time with an offset, or epoch millis. */
    static long parseSince(String since) {
        String value = since.trim();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        long millis = parseIso(value);
        if (millis == ReplayEvent.NO_EVENT_TIME) {
            throw new IllegalArgumentException(
                    "since must be an ISO-8601 date-time with an offset, such as"
                            + " 2018-03-07T16:18:00Z, or epoch milliseconds; got '"
                            + since
                            + "'");
        }
        return millis;
    }
}
