package dev.eddy.sse.server;

import java.util.function.Consumer;

/**
 * The last records a replica read from a stream's topic, in the order it read them, in a ring of
 * fixed capacity. Not thread-safe: the owning {@link KafkaStream} guards it.
 */
final class KafkaRing {

    private final KafkaRecord[] ring;
    private int oldest;
    private int size;

    KafkaRing(int capacity) {
        this.ring = new KafkaRecord[capacity];
    }

    /** Appends a record and returns the one it evicted, or null. */
    KafkaRecord append(KafkaRecord record) {
        if (ring.length == 0) {
            return record;
        }
        KafkaRecord evicted = null;
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

    /** Visits the records from the oldest to the newest. */
    void forEach(Consumer<KafkaRecord> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.accept(ring[(oldest + i) % ring.length]);
        }
    }
}
