package dev.eddy.sse.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The last records of a stream in a ring of fixed capacity, ids increasing from oldest to newest,
 * so a resume position is found by binary search. Not thread-safe: the owning {@link PushStream}
 * guards it.
 */
final class RecordHistory {

    private final BoundedRing<StreamRecord> ring;

    RecordHistory(int capacity) {
        this.ring = new BoundedRing<>(capacity);
    }

    /** Appends a record and returns the one it evicted, or null. */
    StreamRecord append(StreamRecord record) {
        return ring.append(record);
    }

    /** The retained records with an id greater than {@code id}, oldest first. */
    List<StreamRecord> after(long id) {
        int size = ring.size();
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ring.get(middle).id() <= id) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<StreamRecord> result = new ArrayList<>(size - low);
        for (int i = low; i < size; i++) {
            result.add(ring.get(i));
        }
        return result;
    }

    int size() {
        return ring.size();
    }
}
