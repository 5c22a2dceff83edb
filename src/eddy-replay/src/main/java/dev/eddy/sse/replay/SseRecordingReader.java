package dev.eddy.sse.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;
import dev.eddy.sse.protocol.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads raw {@code text/event-stream} captures with the project's {@link SseParser}. Each event
 * keeps the last event id it was dispatched with, its type and data; its event time comes from
 * {@code meta.dt} or {@code timestamp} if its data is a JSON object.
 */
final class SseRecordingReader {

    private SseRecordingReader() {}

    static List<ReplayEvent> read(byte[] capture) {
        List<ReplayEvent> events = new ArrayList<>();
        SseEventListener collector = event -> events.add(toReplayEvent(event));
        // A recording is loaded whole anyway: keep every event, however large.
        SseParser parser = new SseParser(collector, Integer.MAX_VALUE, "");
        parser.feed(capture, 0, capture.length);
        parser.endOfStream();
        return events;
    }

    private static ReplayEvent toReplayEvent(SseEvent event) {
        String data = event.data();
        JsonNode json = data.startsWith("{") ? JsonLinesReader.parseObject(data) : null;
        long eventTime = json == null ? ReplayEvent.NO_EVENT_TIME : EventTimes.of(json);
        return new ReplayEvent(event.lastEventId(), event.type(), data, eventTime);
    }
}
