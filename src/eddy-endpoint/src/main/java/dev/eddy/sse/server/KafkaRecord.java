package dev.eddy.sse.server;

/**
 * A record read from a stream's topic: where it is ({@code partition}, {@code offset}), the
 * position of the stream just after it as this replica reads ({@code positionAfter}, the id its
 * shared frame carries) and the record to send.
 */
final class KafkaRecord {

    final int partition;
    final long offset;
    final long[] positionAfter;
    final StreamRecord record;

    KafkaRecord(int partition, long offset, long[] positionAfter, StreamRecord record) {
        this.partition = partition;
        this.offset = offset;
        this.positionAfter = positionAfter;
        this.record = record;
    }
}
