package dev.eddy.sse.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer per topic and replica that feeds a {@link KafkaStream}, on a thread of its own.
 * It starts a little back from the end (what the snapshot span and the ring need), so a restarted
 * replica can serve resuming subscribers and snapshots at once, and from then on reads every
 * committed record ({@code read_committed}) as it arrives. Kafka errors do not stop it: it logs
 * them and goes on from where it was with a new consumer.
 */
final class TopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final KafkaStream stream;
    private final Properties consumerProperties;
    private final Duration lookback;
    private final int readBack;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private long[] position;
    private long[] warmUpEnd;
    private boolean ready;

    /**
     * @param lookback how far back in Kafka time the reader starts, for the snapshot
     * @param readBack records it reads back at least (when the topic was quiet in the lookback)
     */
    TopicReader(
            KafkaStream stream, Properties consumerProperties, Duration lookback, int readBack) {
        this.stream = stream;
        this.consumerProperties = consumerProperties;
        this.lookback = lookback;
        this.readBack = readBack;
        this.thread = new Thread(this::run, "eddy-endpoint-kafka-" + stream.topic());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> opened = new KafkaConsumer<>(consumerProperties)) {
                consumer = opened;
                if (!running) {
                    return;
                }
                read(opened);
            } catch (WakeupException | InterruptException stopping) {
                if (running) {
                    LOG.warn("Reader of topic {} interrupted; going on", stream.topic());
                }
            } catch (KafkaException | IllegalStateException e) {
                LOG.warn(
                        "Reading topic {} failed; retrying in {} s from the same position",
                        stream.topic(),
                        RETRY.toSeconds(),
                        e);
                pause();
            }
        }
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = assign(consumer);
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        while (running) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            List<KafkaRecord> batch = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                int partition = record.partition();
                position[partition] = record.offset() + 1;
                if (record.value() != null) {
                    batch.add(
                            stream.record(
                                    partition,
                                    record.offset(),
                                    position.clone(),
                                    record.value(),
                                    true));
                }
            }
            for (TopicPartition partition : partitions) {
                position[partition.partition()] =
                        Math.max(position[partition.partition()], consumer.position(partition));
            }
            stream.append(batch, position.clone());
            if (!ready && reached(warmUpEnd)) {
                ready = true;
                stream.becameReady();
            }
            if (System.nanoTime() > nextPartitionCheck) {
                nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                if (consumer.partitionsFor(stream.topic()).size() > partitions.size()) {
                    partitions = assign(consumer);
                }
            }
        }
    }

    /**
     * Assigns every partition of the topic: those it read before at its position, new ones (the
     * first time: all) at their start.
     */
    private List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(stream.topic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + stream.topic() + " has no partitions");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (int partition = 0; partition < infos.size(); partition++) {
            partitions.add(new TopicPartition(stream.topic(), partition));
        }
        consumer.assign(partitions);
        int known = position == null ? 0 : position.length;
        long[] start = startPositions(consumer, partitions, known);
        if (position == null) {
            position = start.clone();
            warmUpEnd = endOffsets(consumer, partitions);
        } else {
            long[] grown = java.util.Arrays.copyOf(position, partitions.size());
            System.arraycopy(start, known, grown, known, partitions.size() - known);
            position = grown;
        }
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, position[partition.partition()]);
        }
        stream.startAt(position.clone());
        LOG.info(
                "Reading topic {} ({} partitions) from {}",
                stream.topic(),
                partitions.size(),
                KafkaPosition.format(position));
        return partitions;
    }

    /** Where to start reading partitions {@code from} on: back by the lookback or the read-back. */
    private long[] startPositions(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, int from) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        long since = System.currentTimeMillis() - lookback.toMillis();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> atTime = consumer.offsetsForTimes(times);
        long perPartition = (readBack + partitions.size() - 1) / partitions.size();
        long[] start = new long[partitions.size()];
        for (TopicPartition partition : partitions) {
            int p = partition.partition();
            long begin = beginnings.get(partition);
            long end = ends.get(partition);
            if (p < from) {
                continue;
            }
            OffsetAndTimestamp timed = atTime.get(partition);
            long byTime = timed == null ? end : timed.offset();
            start[p] = Math.max(begin, Math.min(byTime, end - perPartition));
        }
        return start;
    }

    private static long[] endOffsets(
            KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long[] end = new long[partitions.size()];
        partitions.forEach(partition -> end[partition.partition()] = ends.get(partition));
        return end;
    }

    private boolean reached(long[] target) {
        for (int partition = 0; partition < target.length; partition++) {
            if (position[partition] < target[partition]) {
                return false;
            }
        }
        return true;
    }

    private void pause() {
        long until = System.nanoTime() + RETRY.toNanos();
        synchronized (this) {
            while (running && System.nanoTime() < until) {
                try {
                    wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(10_000);
    }
}
