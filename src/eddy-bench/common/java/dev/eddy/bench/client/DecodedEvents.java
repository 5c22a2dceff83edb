package dev.eddy.bench.client;

/**
 * Counts the events a client decoded on one connection, up to a target, and folds a few decoded
 * fields into a checksum: the JIT cannot drop the decoding, and clients that read the same events
 * report the same checksum.
 */
public final class DecodedEvents {

    private final long target;
    private long count;
    private long checksum;

    public DecodedEvents(long target) {
        if (target <= 0) {
            throw new IllegalArgumentException("target must be positive, got " + target);
        }
        this.target = target;
    }

    /** Adds one decoded event; true once the target is reached. */
    public boolean add(RecentChangeEvent event) {
        long size =
                event.length == null || event.length.newLength == null ? 0 : event.length.newLength;
        checksum =
                checksum * 31
                        + event.title.length()
                        + (event.bot ? 1 : 0)
                        + size
                        + event.meta.id.hashCode();
        count++;
        return count >= target;
    }

    /**
     * Counts the events still missing as read without decoding: for the raw drain, which reads a
     * stream of exactly the target number of events to its end.
     */
    public void countRestUndecoded() {
        count = Math.max(count, target);
    }

    public boolean isComplete() {
        return count >= target;
    }

    public long count() {
        return count;
    }

    public long checksum() {
        return checksum;
    }
}
