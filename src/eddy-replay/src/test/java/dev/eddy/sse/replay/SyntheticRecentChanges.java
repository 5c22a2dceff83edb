package dev.eddy.sse.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Synthetic recentchange-like JSON lines (not real events): shaped like the 2018 schema, with Kafka
 * offsets from {@link #FIRST_OFFSET} and event times one second apart from {@link #START}.
 */
final class SyntheticRecentChanges {

    static final String TOPIC = "eqiad.mediawiki.recentchange";
    static final long FIRST_OFFSET = 1000;
    static final Instant START = Instant.parse("2018-03-07T16:16:17Z");

    private static final DateTimeFormatter DT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private SyntheticRecentChanges() {}

    /** The line of the {@code i}th event (from 0). */
    static String line(int i) {
        Instant time = START.plusSeconds(i);
        return "{\"meta\": {\"topic\": \""
                + TOPIC
                + "\", \"partition\": 0, \"offset\": "
                + (FIRST_OFFSET + i)
                + ", \"dt\": \""
                + DT.format(time)
                + "\", \"domain\": \"www.wikidata.org\"}, \"type\": \"edit\""
                + ", \"title\": \"Q"
                + (100 + i)
                + "\", \"wiki\": \"wikidatawiki\", \"bot\": "
                + (i % 3 == 0)
                + ", \"timestamp\": "
                + time.getEpochSecond()
                + "}";
    }

    /** {@code count} events as JSON lines, one per line. */
    static String lines(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(line(i)).append('\n');
        }
        return lines.toString();
    }

    static Recording recording(int count) {
        return Recording.fromJsonLines(lines(count));
    }

    /** The Wikimedia-style id the replay server derives for this offset. */
    static String idOfOffset(long offset) {
        return "[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":" + offset + "}]";
    }
}
