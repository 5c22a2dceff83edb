package dev.eddy.sse.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON-lines recordings of recentchange-like events. Each line becomes one event whose data
 * is the line as it is. Its id is derived Wikimedia-style from {@code meta.topic}, {@code
 * meta.partition} and {@code meta.offset}; lines without them, blank lines and lines that are not
 * JSON objects get their line number (1-based) as id, so recordings can carry bad input on purpose.
 */
final class JsonLinesReader {

    static final String EVENT_TYPE = "message";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLinesReader() {}

    static List<ReplayEvent> read(BufferedReader reader) throws IOException {
        List<ReplayEvent> events = new ArrayList<>();
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            events.add(toEvent(line, lineNumber));
        }
        return events;
    }

    private static ReplayEvent toEvent(String line, long lineNumber) {
        JsonNode json = parseObject(line);
        if (json == null) {
            return new ReplayEvent(
                    Long.toString(lineNumber), EVENT_TYPE, line, ReplayEvent.NO_EVENT_TIME);
        }
        return new ReplayEvent(derivedId(json, lineNumber), EVENT_TYPE, line, EventTimes.of(json));
    }

    private static String derivedId(JsonNode json, long lineNumber) {
        JsonNode meta = json.path("meta");
        JsonNode topic = meta.path("topic");
        JsonNode partition = meta.path("partition");
        JsonNode offset = meta.path("offset");
        if (topic.isTextual() && partition.canConvertToInt() && offset.canConvertToLong()) {
            return EventIds.wikimediaOffsetId(topic.asText(), partition.asInt(), offset.asLong());
        }
        return Long.toString(lineNumber);
    }

    /** The line as a JSON object, or null if it is blank or anything else. */
    static JsonNode parseObject(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
