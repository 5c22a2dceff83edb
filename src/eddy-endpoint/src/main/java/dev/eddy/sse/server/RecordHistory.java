package dev.eddy.sse.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The last records of a stream in a ring of fixed capacity, ids increasing from oldest to newest,
 * so a resume position is found by binary search. Not thread-safe: the owning {@link PushStream}
 * guards it.
 */
final class RecordHistory {

    private final StreamRecord[] ring;
    private int oldest;
    private int size;

    RecordHistory(int capacity) {
        this.ring = new StreamRecord[capacity];
    }

    /** Appends a record and returns the one it evicted, or null. */
    StreamRecord append(StreamRecord record) {
        if (ring.length == 0) {
            return record;
        }
        StreamRecord evicted = null;
        if (size == ring.length) {
            evicted = ring[oldest];
            ring[oldest] = record;
            oldest = (oldest + 1) % ring.length;
        } else {
            ring[(oldest + size) % ring.length] = record;
            size++;
        }
        return evicted;
    }

    /** The retained records with an id greater than {@code id}, oldest first. */
    List<StreamRecord> after(long id) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (get(middle).id() <= id) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<StreamRecord> result = new ArrayList<>(size - low);
        for (int i = low; i < size; i++) {
            result.add(get(i));
        }
        return result;
    }

    int size() {
        return size;
    }

    private StreamRecord get(int index) {
        return ring[(oldest + index) % ring.length];
    }
}
