package dev.eddy.faults.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stream every fault scenario replays: the shipped recording (3,818 real Wikidata recentchange
 * events, five minutes of 2018) and one synthetic event of another wiki fifteen minutes after the
 * last, so the watermark passes the end of every window of the real events and all of them close.
 * The expected finals are computed from the real events alone, independently of the job's code
 * ({@link IndependentAggregates}, the job's default windows); the synthetic event's own windows
 * never close, so they are never final.
 */
public final class FaultRecording {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = "samples/recentchange-wikidata-2018-03-07a.jsonl";
    private static final String SAMPLE_DAY = "2018-03-07";

    private final List<String> events;
    private final String day;
    private final List<String> served;

    private FaultRecording(List<String> events, String day) {
        this.events = List.copyOf(events);
        this.day = day;
        this.served = withFlushEvent(events, day);
    }

    /** The shipped sample, found from the working directory of any module. */
    public static FaultRecording sample() {
        Path file = Path.of(SAMPLE);
        for (int up = 0; up < 3 && !Files.exists(file); up++) {
            file = Path.of("..").resolve(file);
        }
        try {
            return new FaultRecording(Files.readAllLines(file), SAMPLE_DAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same events a day later (event times shifted, ids kept): its windows differ from this
     * recording's, so a run of each can share the topics at the same time.
     */
    public FaultRecording aDayLater() {
        String nextDay = LocalDate.parse(day).plusDays(1).toString();
        List<String> shifted = new ArrayList<>(events.size());
        for (String event : events) {
            shifted.add(shifted(event, day, nextDay));
        }
        return new FaultRecording(shifted, nextDay);
    }

    /** True for a record of one of this recording's windows (not of a copy on another day). */
    public boolean hasWindowOf(ObjectNode record) {
        return record.path("window_start").asText().startsWith(day);
    }

    /** The real events (without the synthetic one). */
    public List<String> events() {
        return events;
    }

    /** Events the replay server sends: the real ones and the closing synthetic one. */
    public int servedEvents() {
        return served.size();
    }

    /** The id of the last event served (the synthetic one). */
    public String lastServedId() {
        Recording served = recording();
        return served.get(served.size() - 1).id();
    }

    /** What a replay server serves: the real events, then the synthetic one. */
    public Recording recording() {
        return Recording.fromJsonLines(String.join("\n", served));
    }

    /**
     * A replay server of this recording that keeps the stream open once it is over, like a live
     * stream gone quiet (set faults and pacing on it, then start it).
     */
    public ReplayServer.Builder replay() {
        return ReplayServer.builder().recording(recording()).holdOpenAtEnd(true);
    }

    /**
     * The final record of every window, by {@link IndependentAggregates#id}, without {@code
     * revision}.
     */
    public Map<String, ObjectNode> expectedFinals() {
        return IndependentAggregates.withDefaultWindows().compute(events);
    }

    private static List<String> withFlushEvent(List<String> events, String day) {
        try {
            ObjectNode last = (ObjectNode) JSON.readTree(events.get(events.size() - 1));
            ObjectNode flush = last.deepCopy();
            ObjectNode meta = (ObjectNode) flush.get("meta");
            meta.put("id", "00000000-flush-event");
            meta.put("offset", meta.get("offset").asLong() + 1);
            meta.put("dt", day + "T16:36:30+00:00");
            flush.put("timestamp", last.get("timestamp").asLong() + 900);
            flush.put("wiki", "flushwiki");
            List<String> withFlush = new ArrayList<>(events);
            withFlush.add(JSON.writeValueAsString(flush));
            return withFlush;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shifted(String event, String day, String nextDay) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(event);
            ObjectNode meta = (ObjectNode) json.get("meta");
            meta.put("dt", meta.get("dt").asText().replace(day, nextDay));
            json.put("timestamp", json.get("timestamp").asLong() + Duration.ofDays(1).toSeconds());
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
