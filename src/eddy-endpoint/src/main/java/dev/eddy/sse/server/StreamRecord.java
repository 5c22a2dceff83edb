package dev.eddy.sse.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One record of a stream: its id (push mode) or offset (Kafka mode), its complete {@code
 * text/event-stream} frame starting with its {@code id:} line (formatted once, shared read-only by
 * every subscriber) and its top-level scalar fields, which subscriber filters match on.
 */
final class StreamRecord {

    private final long id;
    private final ByteBuffer frame;
    private final Map<String, String> fields;

    StreamRecord(long id, ByteBuffer frame, Map<String, String> fields) {
        this.id = id;
        this.frame = frame.asReadOnlyBuffer();
        this.fields = fields;
    }

    long id() {
        return id;
    }

    /** A view of the shared frame with its own position, for one subscriber's write. */
    ByteBuffer frame() {
        return frame.duplicate();
    }

    Map<String, String> fields() {
        return fields;
    }

    /** The same record with another {@code id:} line, for one subscriber. */
    StreamRecord withId(String newId) {
        ByteBuffer old = frame();
        int idLineEnd = old.position();
        while (old.get(idLineEnd) != '\n') {
            idLineEnd++;
        }
        byte[] idLine = ("id: " + newId).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer copy = ByteBuffer.allocate(idLine.length + old.limit() - idLineEnd);
        copy.put(idLine).put(old.position(idLineEnd));
        return new StreamRecord(id, copy.flip(), fields);
    }

    int frameBytes() {
        return frame.remaining();
    }

    /** True if for every filter field the record's value is one of the wanted values. */
    boolean matches(Map<String, List<String>> filters) {
        for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
            String value = fields.get(filter.getKey());
            if (value == null || !filter.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }
}
