package dev.eddy.sse.server;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Recognises re-sent aggregate updates. An update is identified by the record contract's {@code
 * key}, {@code window_start} and {@code revision}; it is a duplicate only if exactly the same
 * record was already published for its window. After a job failover, revisions restart from the
 * last checkpoint, so the same revision can come back with other content, and a final update can
 * follow an early one with a higher revision: neither is ever dropped. Remembers the most recently
 * updated windows, and per window the digests of its last published updates, up to bounds. Not
 * thread-safe.
 */
final class UpdateDeduplicator {

    private static final int UPDATES_PER_WINDOW = 256;

    private final Map<String, LinkedHashSet<Long>> publishedByWindow;

    UpdateDeduplicator(int maxWindows) {
        this.publishedByWindow =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, LinkedHashSet<Long>> e) {
                        return size() > maxWindows;
                    }
                };
    }

    /**
     * True if this very update was published before. Records without a key, window start or numeric
     * revision carry no identity and are never duplicates.
     */
    boolean isDuplicate(Map<String, String> fields, byte[] json) {
        String window = window(fields);
        if (window == null) {
            return false;
        }
        LinkedHashSet<Long> published = publishedByWindow.get(window);
        return published != null && published.contains(digest(json));
    }

    /** Remembers a published update; call once it has an id. */
    void remember(Map<String, String> fields, byte[] json) {
        String window = window(fields);
        if (window == null) {
            return;
        }
        LinkedHashSet<Long> published =
                publishedByWindow.computeIfAbsent(window, key -> new LinkedHashSet<>());
        published.add(digest(json));
        if (published.size() > UPDATES_PER_WINDOW) {
            published.remove(published.iterator().next());
        }
    }

    private static String window(Map<String, String> fields) {
        String key = fields.get("key");
        String windowStart = fields.get("window_start");
        String revision = fields.get("revision");
        if (key == null || windowStart == null || revision == null || !isNumber(revision)) {
            return null;
        }
        return key + '\u0000' + windowStart;
    }

    private static boolean isNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The first 64 bits of the record's SHA-256: a collision is out of reach in practice. */
    private static long digest(byte[] json) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(json)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
