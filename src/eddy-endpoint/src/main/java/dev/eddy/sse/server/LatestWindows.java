package dev.eddy.sse.server;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot behind {@code ?snapshot=latest}: the latest record of every window (by the record
 * contract's {@code key} and {@code window_start}) that is still open ({@code final} not true) or
 * ended within a span of the newest {@code window_end} the stream has seen, in the order they were
 * last updated. Fed as records arrive, so a snapshot costs no read of history. Records without a
 * key, window start and end are not windows and are left out. Not thread-safe: the owning stream
 * guards it.
 */
final class LatestWindows {

    private final long spanMillis;
    private final int maxWindows;
    private final LinkedHashMap<String, Entry> byWindow = new LinkedHashMap<>();
    private long newestEndMillis = Long.MIN_VALUE;
    private long sweptAtMillis = Long.MIN_VALUE;

    private static final class Entry {
        final StreamRecord record;
        final long endMillis;
        final boolean isFinal;

        Entry(StreamRecord record, long endMillis, boolean isFinal) {
            this.record = record;
            this.endMillis = endMillis;
            this.isFinal = isFinal;
        }
    }

    LatestWindows(Duration span, int maxWindows) {
        this.spanMillis = span.toMillis();
        this.maxWindows = maxWindows;
    }

    void update(StreamRecord record) {
        Map<String, String> fields = record.fields();
        String key = fields.get("key");
        String start = fields.get("window_start");
        Long end = epochMillis(fields.get("window_end"));
        if (key == null || start == null || end == null) {
            return;
        }
        String window = key + '\u0000' + start;
        byWindow.remove(window);
        byWindow.put(window, new Entry(record, end, "true".equals(fields.get("final"))));
        if (end > newestEndMillis) {
            newestEndMillis = end;
        }
        if (byWindow.size() > maxWindows) {
            Iterator<Entry> oldest = byWindow.values().iterator();
            oldest.next();
            oldest.remove();
        }
        if (sweptAtMillis == Long.MIN_VALUE) {
            sweptAtMillis = newestEndMillis;
        } else if (newestEndMillis - sweptAtMillis >= Math.max(1, spanMillis / 10)) {
            sweep();
        }
    }

    /** The latest record of each window in the snapshot, least recently updated first. */
    List<StreamRecord> snapshot() {
        List<StreamRecord> records = new ArrayList<>(byWindow.size());
        for (Entry entry : byWindow.values()) {
            if (!expired(entry)) {
                records.add(entry.record);
            }
        }
        return records;
    }

    /**
     * Drops final windows that ended before the span, and open ones twice as old (their final
     * update never came, e.g. the job lost them).
     */
    private void sweep() {
        sweptAtMillis = newestEndMillis;
        byWindow.values().removeIf(this::expired);
    }

    private boolean expired(Entry entry) {
        long span = entry.isFinal ? spanMillis : 2 * spanMillis;
        return entry.endMillis < newestEndMillis - span;
    }

    private static Long epochMillis(String isoInstant) {
        if (isoInstant == null) {
            return null;
        }
        try {
            return Instant.parse(isoInstant).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
