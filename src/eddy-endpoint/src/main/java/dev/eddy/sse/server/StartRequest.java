package dev.eddy.sse.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a subscriber asks to start and which records it wants: a {@code Last-Event-ID} (header or
 * {@code ?last-event-id=}) wins over {@code ?since=}, which wins over {@code ?snapshot=latest};
 * without any of them it gets live records only.
 */
final class StartRequest {

    final String lastEventId;
    final Instant since;
    final boolean snapshot;
    final Map<String, List<String>> filters;

    StartRequest(
            String lastEventId,
            Instant since,
            boolean snapshot,
            Map<String, List<String>> filters) {
        this.lastEventId = lastEventId == null || lastEventId.isEmpty() ? null : lastEventId;
        this.since = this.lastEventId == null ? since : null;
        this.snapshot = this.lastEventId == null && this.since == null && snapshot;
        this.filters = Map.copyOf(filters);
    }
}
