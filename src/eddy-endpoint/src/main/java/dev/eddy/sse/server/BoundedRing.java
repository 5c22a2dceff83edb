package dev.eddy.sse.server;

import java.util.function.Consumer;

/**
 * The last elements appended, in a ring of fixed capacity, oldest evicted first. Not thread-safe:
 * its owner guards it.
 */
final class BoundedRing<T> {

    private final Object[] ring;
    private int oldest;
    private int size;

    BoundedRing(int capacity) {
        this.ring = new Object[capacity];
    }

    /** Appends an element and returns the one it evicted, or null. */
    @SuppressWarnings("unchecked")
    T append(T element) {
        if (ring.length == 0) {
            return element;
        }
        T evicted = null;
        if (size == ring.length) {
            evicted = (T) ring[oldest];
            ring[oldest] = element;
            oldest = (oldest + 1) % ring.length;
        } else {
            ring[(oldest + size) % ring.length] = element;
            size++;
        }
        return evicted;
    }

    int size() {
        return size;
    }

    /** The element at {@code index}, 0 being the oldest. */
    @SuppressWarnings("unchecked")
    T get(int index) {
        return (T) ring[(oldest + index) % ring.length];
    }

    /** Visits the elements from the oldest to the newest. */
    void forEach(Consumer<T> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.accept(get(i));
        }
    }
}
