package dev.eddy.local.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped recording as the SQL tests replay it: the 3,818 real events, then a canary event
 * inside the last minute (which both jobs must leave out), then one event an hour later whose only
 * job is to move the watermark past every window of the recording, so all of them close.
 */
final class TestRecordings {

    static final Path RECORDING = Path.of("../../samples/recentchange-wikidata-2018-03-07a.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRecordings() {}

    static List<String> recording() throws IOException {
        return Files.readAllLines(RECORDING).stream().filter(line -> !line.isBlank()).toList();
    }

    /** The recording, the canary and the closing event. */
    static List<String> withCanaryAndClosingEvent(List<String> recording) {
        ObjectNode last = parse(recording.get(recording.size() - 1));
        ObjectNode canary = derived(last, 1, 0, "canary-1");
        ((ObjectNode) canary.get("meta")).put("domain", "canary");
        ObjectNode closing = derived(last, 2, 3600, "closing-1");
        closing.put("wiki", "closingwiki");
        List<String> all = new ArrayList<>(recording);
        all.add(canary.toString());
        all.add(closing.toString());
        return all;
    }

    static Path write(List<String> lines, Path directory) throws IOException {
        Path file = directory.resolve("recording.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static ObjectNode derived(ObjectNode event, int offsetStep, long seconds, String id) {
        ObjectNode copy = event.deepCopy();
        ObjectNode meta = (ObjectNode) copy.get("meta");
        meta.put("id", id);
        meta.put("offset", meta.get("offset").asLong() + offsetStep);
        meta.put(
                "dt",
                OffsetDateTime.parse(meta.get("dt").asText())
                        .plusSeconds(seconds)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")));
        copy.put("timestamp", copy.get("timestamp").asLong() + seconds);
        return copy;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
