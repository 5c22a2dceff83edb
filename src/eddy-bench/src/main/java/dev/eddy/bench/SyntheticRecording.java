package dev.eddy.bench;

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

    private SyntheticRecording() {}

    /**
     * @param count how many events in all
     * @param perEventSecond events per second of event time
     * @param disorderMillis each event's time moves back by up to this much (0: in order)
     * @param closing whether the last event is {@link #CLOSING_GAP} ahead, so the watermark passes
     *     the windows of all the others and they fire final
     */
    static Recording of(int count, int perEventSecond, int disorderMillis, boolean closing) {
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
            events.add(
                    new ReplayEvent(
                            id,
                            "message",
                            SyntheticRecentChanges.event(random, time, offset),
                            time));
        }
        return Recording.of(events);
    }
}
