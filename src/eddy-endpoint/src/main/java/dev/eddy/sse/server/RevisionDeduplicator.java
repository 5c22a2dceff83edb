package dev.eddy.sse.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises re-sent aggregate updates. An update is identified by the record contract's {@code
 * key} and {@code window_start}, and its {@code revision} grows with each update of the same
 * window; an update whose revision is not above the highest one already published for its window is
 * a duplicate (a push sink re-sending after a job failover) or stale, and subscribers must not see
 * it. Remembers the most recently updated windows, up to a bound. Not thread-safe.
 */
final class RevisionDeduplicator {

    private final Map<String, Long> highestRevisionByWindow;

    RevisionDeduplicator(int maxWindows) {
        this.highestRevisionByWindow =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                        return size() > maxWindows;
                    }
                };
    }

    /**
     * Records the update and tells whether it is new. Records without a key, window start or
     * numeric revision carry no identity and are always new.
     */
    boolean isNew(Map<String, String> fields) {
        String key = fields.get("key");
        String windowStart = fields.get("window_start");
        Long revision = parseRevision(fields.get("revision"));
        if (key == null || windowStart == null || revision == null) {
            return true;
        }
        String window = key + '\u0000' + windowStart;
        Long highest = highestRevisionByWindow.get(window);
        if (highest != null && revision <= highest) {
            return false;
        }
        highestRevisionByWindow.put(window, revision);
        return true;
    }

    private static Long parseRevision(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
