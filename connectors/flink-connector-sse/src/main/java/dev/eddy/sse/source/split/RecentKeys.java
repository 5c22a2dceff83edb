package dev.eddy.sse.source.split;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/** The last {@code capacity} distinct event keys, oldest evicted first. Not thread-safe. */
@Internal
public final class RecentKeys {

    private final int capacity;
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final Set<String> keys = new HashSet<>();

    public RecentKeys(int capacity, List<String> initial) {
        this.capacity = capacity;
        initial.forEach(this::add);
    }

    /** Remembers the key; false if it is already among the recent keys (a duplicate). */
    public boolean add(String key) {
        if (capacity == 0) {
            return true;
        }
        if (!keys.add(key)) {
            return false;
        }
        order.addLast(key);
        if (order.size() > capacity) {
            keys.remove(order.removeFirst());
        }
        return true;
    }

    public List<String> toList() {
        return new ArrayList<>(order);
    }
}
