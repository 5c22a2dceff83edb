package dev.eddy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code activity} records one consumer received, each with its arrival time: the job's count
 * of all events per window, early updates and final ones. Records of other streams are ignored.
 */
final class ActivityUpdates {

    /** One record: its window, the events counted in it so far, whether final, when it arrived. */
    record Update(long windowStartMillis, long events, boolean isFinal, long arrivalNanos) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Update> updates = new ArrayList<>();
    private final Map<Long, Long> mostPerWindow = new HashMap<>();
    private final Map<Long, Long> finalPerWindow = new HashMap<>();
    private long counted;
    private long inFinalWindows;

    /**
     * Adds a record (its JSON) that arrived at {@code arrivalNanos} ({@link System#nanoTime()}).
     */
    synchronized void add(String json, long arrivalNanos) {
        JsonNode record;
        try {
            record = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("Not an aggregate record: " + json, e);
        }
        if (!AggregateStreams.ACTIVITY.equals(record.path("stream").asText())) {
            return;
        }
        long window = Instant.parse(record.get("window_start").asText()).toEpochMilli();
        long events = record.get("events").asLong();
        boolean isFinal = record.get("final").asBoolean();
        updates.add(new Update(window, events, isFinal, arrivalNanos));
        counted += Math.max(0, events - mostPerWindow.getOrDefault(window, 0L));
        mostPerWindow.merge(window, events, Math::max);
        if (isFinal) {
            inFinalWindows += Math.max(0, events - finalPerWindow.getOrDefault(window, 0L));
            finalPerWindow.merge(window, events, Math::max);
        }
    }

    /** Events counted over all windows, by the newest update of each. */
    synchronized long eventsCounted() {
        return counted;
    }

    /** Events counted in windows that have fired final. */
    synchronized long eventsInFinalWindows() {
        return inFinalWindows;
    }

    /** The updates of each window, in arrival order. */
    synchronized Map<Long, List<Update>> byWindow() {
        Map<Long, List<Update>> windows = new HashMap<>();
        for (Update update : updates) {
            windows.computeIfAbsent(update.windowStartMillis(), window -> new ArrayList<>())
                    .add(update);
        }
        return windows;
    }
}
