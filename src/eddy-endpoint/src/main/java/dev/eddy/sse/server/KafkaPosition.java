package dev.eddy.sse.server;

import java.util.Arrays;

/**
 * A position in a stream's topic: for every partition, the offset of the next record to read. It is
 * the event id in Kafka mode, written {@code k} then the offsets by partition number joined by
 * {@code .}, e.g. {@code k1234} for one partition or {@code k1234.988.1020} for three. The same id
 * means the same position on every replica and after any restart; resuming with it starts exactly
 * after the record that carried it. An id naming fewer partitions than the topic has starts the
 * others at their earliest record (they were added later).
 */
final class KafkaPosition {

    static final String PREFIX = "k";
    private static final int MAX_ID_LENGTH = 20 * 1024;

    private KafkaPosition() {}

    static String format(long[] nextOffsets) {
        StringBuilder id = new StringBuilder(PREFIX.length() + 8 * nextOffsets.length);
        id.append(PREFIX);
        for (int partition = 0; partition < nextOffsets.length; partition++) {
            if (partition > 0) {
                id.append('.');
            }
            id.append(nextOffsets[partition]);
        }
        return id.toString();
    }

    /**
     * Reads an id of this form.
     *
     * @throws IllegalArgumentException with a message for the subscriber if it is not one
     */
    static long[] parse(String id, int partitions) {
        if (id.length() > MAX_ID_LENGTH || !id.startsWith(PREFIX) || id.length() == 1) {
            throw malformed(id);
        }
        String[] parts = id.substring(PREFIX.length()).split("\\.", -1);
        long[] offsets = new long[parts.length];
        for (int partition = 0; partition < parts.length; partition++) {
            offsets[partition] = offset(parts[partition], id);
        }
        if (parts.length > partitions) {
            throw new IllegalArgumentException(
                    "Last-Event-ID names "
                            + parts.length
                            + " partitions, this stream's topic has "
                            + partitions
                            + ": it is not an id of this stream");
        }
        return offsets;
    }

    /** The position with every partition at least as far as in both. */
    static long[] max(long[] a, long[] b) {
        long[] max = Arrays.copyOf(a, Math.max(a.length, b.length));
        for (int i = 0; i < b.length; i++) {
            max[i] = Math.max(i < a.length ? a[i] : 0, b[i]);
        }
        return max;
    }

    private static long offset(String digits, String id) {
        if (digits.isEmpty() || digits.length() > 18) {
            throw malformed(id);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw malformed(id);
            }
        }
        return Long.parseLong(digits);
    }

    private static IllegalArgumentException malformed(String id) {
        String shown = id.length() > 60 ? id.substring(0, 60) + "..." : id;
        return new IllegalArgumentException(
                "malformed Last-Event-ID '"
                        + shown
                        + "': ids of this endpoint are 'k' followed by one offset per partition joined by '.', e.g. k1234 or k1234.988; omit it to start live");
    }
}
