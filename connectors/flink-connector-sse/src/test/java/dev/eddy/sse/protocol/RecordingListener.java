package dev.eddy.sse.protocol;

import java.util.ArrayList;
import java.util.List;

/** Records every listener call, in order, as comparable values. */
final class RecordingListener implements SseEventListener {

    /** An {@link #onRetry} call. */
    record Retry(long reconnectMillis) {}

    /** An {@link #onOversizedEvent} call. */
    record Oversized(long sizeBytes, String prefix) {}

    final List<Object> calls = new ArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
        calls.add(event);
    }

    @Override
    public void onRetry(long reconnectMillis) {
        calls.add(new Retry(reconnectMillis));
    }

    @Override
    public void onOversizedEvent(long sizeBytes, String prefix) {
        calls.add(new Oversized(sizeBytes, prefix));
    }

    List<SseEvent> events() {
        List<SseEvent> events = new ArrayList<>();
        for (Object call : calls) {
            if (call instanceof SseEvent) {
                events.add((SseEvent) call);
            }
        }
        return events;
    }
}
