package dev.eddy.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayEvent;
import dev.eddy.sse.replay.synthetic.SyntheticRecentChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Recordings of SYNTHETIC recentchange events ({@link SyntheticRecentChanges}: several wikis, bots
 * and humans, all types) for the benchmark, with Wikimedia-style ids and {@code meta.offset}s
 * increasing from {@link #FIRST_OFFSET} and event time advancing at a steady rate.
 */
final class SyntheticRecording {

    static final long FIRST_OFFSET = 1_000_000;

    static final Instant START = Instant.parse("2025-08-29T06:00:00Z");

    /** How far ahead of the others the closing event is: past every window of the job. */
    static final Duration CLOSING_GAP = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticRecording() {}

    private static String withDistinctPage(String event, Random random, int distinctPages) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(event);
            String type = json.get("type").asText();
            if (type.equals("edit") || type.equals("new")) {
                json.put("title", "Synthetic page " + random.nextInt(distinctPages));
            }
            return json.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a synthetic event is not JSON: " + event, e);
        }
    }

    /**
     * @param count how many events in all
     * @param perEventSecond events per second of event time
     * @param disorderMillis each event's time moves back by up to this much (0: in order)
     * @param closing whether the last event is {@link #CLOSING_GAP} ahead, so the watermark passes
     *     the windows of all the others and they fire final
     */
    static Recording of(int count, int perEventSecond, int disorderMillis, boolean closing) {
        return of(count, perEventSecond, disorderMillis, closing, 0);
    }

    /**
     * As {@link #of(int, int, int, boolean)}, the titles of edits and new pages drawn from {@code
     * distinctPages} per wiki (0: as {@link SyntheticRecentChanges} makes them, a few dozen).
     */
    static Recording of(
            int count, int perEventSecond, int disorderMillis, boolean closing, int distinctPages) {
        Random random = new Random(42);
        List<ReplayEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long time = START.toEpochMilli() + (long) i * 1000 / perEventSecond;
            if (closing && i == count - 1) {
                time += CLOSING_GAP.toMillis();
            } else if (disorderMillis > 0) {
                time -= random.nextInt(disorderMillis);
            }
            long offset = FIRST_OFFSET + i;
            String id =
                    "[{\"topic\":\""
                            + SyntheticRecentChanges.TOPIC
                            + "\",\"partition\":0,\"offset\":"
                            + offset
                            + "}]";
            String data = SyntheticRecentChanges.event(random, time, offset);
            if (distinctPages > 0) {
                data = withDistinctPage(data, random, distinctPages);
            }
            events.add(new ReplayEvent(id, "message", data, time));
        }
        return Recording.of(events);
    }
}
