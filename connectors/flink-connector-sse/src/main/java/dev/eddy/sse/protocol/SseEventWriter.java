package dev.eddy.sse.protocol;

import org.apache.flink.annotation.PublicEvolving;

/**
 * Formats events in {@code text/event-stream} form. Multi-line data becomes one {@code data:} line
 * per line (CR, LF and CRLF all split), so any string survives a round trip through a
 * spec-conforming parser, its line breaks coming back as LF. Ids and types must not contain line
 * breaks.
 */
@PublicEvolving
public final class SseEventWriter {

    private SseEventWriter() {}

    /**
     * Appends one event, ended by the blank line that dispatches it. Null id or type are left out.
     */
    public static StringBuilder appendEvent(
            StringBuilder out, String id, String type, String data) {
        if (id != null) {
            requireSingleLine(id, "id");
            out.append("id: ").append(id).append('\n');
        }
        if (type != null) {
            requireSingleLine(type, "event type");
            out.append("event: ").append(type).append('\n');
        }
        int lineStart = 0;
        int length = data.length();
        for (int i = 0; i < length; i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(data, lineStart, i).append('\n');
                if (c == '\r' && i + 1 < length && data.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        out.append("data: ").append(data, lineStart, length).append('\n');
        return out.append('\n');
    }

    /** Appends a comment line (ignored by parsers; used for heartbeats and notices). */
    public static StringBuilder appendComment(StringBuilder out, String comment) {
        requireSingleLine(comment, "comment");
        return out.append(": ").append(comment).append('\n');
    }

    /** Appends a {@code retry:} field asking clients to wait that long before reconnecting. */
    public static StringBuilder appendRetry(StringBuilder out, long reconnectMillis) {
        if (reconnectMillis < 0) {
            throw new IllegalArgumentException("retry must be >= 0, got " + reconnectMillis);
        }
        return out.append("retry: ").append(reconnectMillis).append('\n');
    }

    private static void requireSingleLine(String value, String what) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a line break");
        }
    }
}
