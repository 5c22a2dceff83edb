package dev.eddy.bench;

import static org.apache.flink.util.Preconditions.checkArgument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.sse.replay.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large recording for benchmarks: a real JSON-lines recording of recentchange events repeated.
 * Copy {@code k} of an event has its {@code meta.offset} moved forward by {@code k ×} (offset span
 * + 1), so the ids the replay server derives keep increasing; every other byte of the line is as
 * recorded.
 */
final class BenchRecording {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern OFFSET_FIELD = Pattern.compile("\"offset\"\\s*:\\s*(-?\\d+)");

    private BenchRecording() {}

    /** {@code events} events: the recording in {@code jsonl}, repeated as often as needed. */
    static Recording repeated(Path jsonl, int events) throws IOException {
        checkArgument(events > 0, "events must be positive, got %s", events);
        List<Line> originals = readLines(jsonl);
        long minOffset = originals.stream().mapToLong(line -> line.offset).min().orElseThrow();
        long maxOffset = originals.stream().mapToLong(line -> line.offset).max().orElseThrow();
        long span = maxOffset - minOffset + 1;
        StringBuilder lines =
                new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, events * 1100L));
        for (int i = 0; i < events; i++) {
            Line line = originals.get(i % originals.size());
            long copy = i / originals.size();
            lines.append(line.beforeOffset)
                    .append(line.offset + copy * span)
                    .append(line.afterOffset)
                    .append('\n');
        }
        return Recording.fromJsonLines(lines.toString());
    }

    private static List<Line> readLines(Path jsonl) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (!text.isBlank()) {
                lines.add(Line.of(text, jsonl));
            }
        }
        if (lines.isEmpty()) {
            throw new IOException(jsonl + " holds no events");
        }
        return lines;
    }

    /** One recorded line, split around the digits of its {@code meta.offset}. */
    private static final class Line {
        final String beforeOffset;
        final long offset;
        final String afterOffset;

        private Line(String beforeOffset, long offset, String afterOffset) {
            this.beforeOffset = beforeOffset;
            this.offset = offset;
            this.afterOffset = afterOffset;
        }

        static Line of(String text, Path jsonl) throws IOException {
            JsonNode offset = MAPPER.readTree(text).path("meta").path("offset");
            if (!offset.canConvertToLong()) {
                throw new IOException(
                        jsonl
                                + ": every line must be a recentchange event with an integer"
                                + " meta.offset, to derive increasing ids; this one is not: "
                                + abbreviated(text));
            }
            Matcher field = OFFSET_FIELD.matcher(text);
            while (field.find()) {
                if (Long.parseLong(field.group(1)) == offset.asLong()) {
                    return new Line(
                            text.substring(0, field.start(1)),
                            offset.asLong(),
                            text.substring(field.end(1)));
                }
            }
            throw new IOException(
                    jsonl + ": cannot find the digits of meta.offset in: " + abbreviated(text));
        }

        private static String abbreviated(String text) {
            return text.length() <= 80 ? text : text.substring(0, 80) + "…";
        }
    }
}
