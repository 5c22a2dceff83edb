package dev.eddy.sse.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream's topic for subscribers that resume from before what the replica's ring holds (or
 * start at a time), each at its own pace, until the ring covers where it got to and the {@link
 * KafkaStream} takes it over. A few worker threads, each with one consumer, serve all of them in
 * turns of one poll: a slow subscriber waits for its queue to drain without holding a worker.
 */
final class CatchUpReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Task STOP = new Task(null, null, null, null);

    private final Properties consumerProperties;
    private final LinkedBlockingQueue<Task> turns = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong recordsRead = new AtomicLong();
    private volatile boolean running = true;

    CatchUpReader(Properties consumerProperties, int threads) {
        this.consumerProperties = consumerProperties;
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker("eddy-endpoint-catch-up-" + (i + 1));
            workers.add(worker);
            worker.thread.start();
        }
    }

    /**
     * Starts reading for a subscriber at {@code position} (-1 entries: earliest) or, when null, at
     * the first records written at or after {@code since}.
     */
    void resume(KafkaStream stream, Subscriber subscriber, long[] position, Instant since) {
        turns.add(new Task(stream, subscriber, position, since));
    }

    /** Records read for catching-up subscribers so far. */
    long recordsRead() {
        return recordsRead.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Worker worker : workers) {
            turns.add(STOP);
            KafkaConsumer<byte[], byte[]> consumer = worker.consumer;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        for (Worker worker : workers) {
            worker.thread.join(10_000);
        }
    }

    /** One subscriber being caught up: where it is. */
    private static final class Task {
        final KafkaStream stream;
        final Subscriber subscriber;
        final Instant since;
        long[] position;
        boolean resolved;

        Task(KafkaStream stream, Subscriber subscriber, long[] position, Instant since) {
            this.stream = stream;
            this.subscriber = subscriber;
            this.position = position;
            this.since = since;
        }
    }

    private final class Worker {
        final Thread thread;
        volatile KafkaConsumer<byte[], byte[]> consumer;

        Worker(String name) {
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        private void run() {
            try (KafkaConsumer<byte[], byte[]> opened = new KafkaConsumer<>(consumerProperties)) {
                consumer = opened;
                while (running) {
                    Task task = turns.take();
                    if (task == STOP) {
                        return;
                    }
                    if (task.subscriber.closed()) {
                        task.stream.catchUpEnded(task.subscriber);
                        continue;
                    }
                    try {
                        turn(opened, task);
                    } catch (WakeupException | InterruptException stopping) {
                        return;
                    } catch (KafkaException | IllegalStateException e) {
                        LOG.warn(
                                "Catching up a subscriber of {} failed; it is disconnected and may resume",
                                task.stream.name(),
                                e);
                        task.stream.catchUpEnded(task.subscriber);
                        task.subscriber.disconnect(e);
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }

        /** One poll's worth of records for one subscriber, then its next turn is queued. */
        private void turn(KafkaConsumer<byte[], byte[]> consumer, Task task) {
            KafkaStream stream = task.stream;
            int partitions = stream.partitions();
            List<TopicPartition> all = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                all.add(new TopicPartition(stream.topic(), partition));
            }
            if (!task.resolved || task.position.length < all.size()) {
                resolve(consumer, task, all);
            }
            if (stream.tryHandOver(task.subscriber, task.position)) {
                return;
            }
            int credit = task.subscriber.freeSlots();
            if (credit < 1) {
                task.subscriber.whenDrained(() -> turns.add(task));
                return;
            }
            long[] head = stream.head();
            List<TopicPartition> behind = new ArrayList<>();
            for (TopicPartition partition : all) {
                if (task.position[partition.partition()] < head[partition.partition()]) {
                    behind.add(partition);
                }
            }
            if (behind.isEmpty()) {
                turns.add(task);
                return;
            }
            seek(consumer, behind, task.position);
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            int delivered = 0;
            Set<TopicPartition> cut = new HashSet<>();
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    int p = record.partition();
                    if (record.offset() >= head[p] || delivered == credit) {
                        cut.add(partition);
                        break;
                    }
                    task.position[p] = record.offset() + 1;
                    delivered++;
                    if (record.value() == null) {
                        continue;
                    }
                    StreamRecord frame =
                            stream.record(
                                            p,
                                            record.offset(),
                                            task.position.clone(),
                                            record.value(),
                                            false)
                                    .record;
                    if (task.subscriber.wants(frame)) {
                        task.subscriber.enqueue(frame);
                    }
                }
            }
            for (TopicPartition partition : behind) {
                if (!cut.contains(partition)) {
                    int p = partition.partition();
                    task.position[p] =
                            Math.max(
                                    task.position[p],
                                    Math.min(consumer.position(partition), head[p]));
                }
            }
            recordsRead.addAndGet(delivered);
            task.subscriber.iterate();
            if (!stream.tryHandOver(task.subscriber, task.position)) {
                turns.add(task);
            }
        }

        /** Seeks unless the consumer is already there (the same subscriber's next turn). */
        private void seek(
                KafkaConsumer<byte[], byte[]> consumer,
                List<TopicPartition> partitions,
                long[] position) {
            boolean there = consumer.assignment().equals(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                there = there && consumer.position(partition) == position[partition.partition()];
            }
            if (there) {
                return;
            }
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, position[partition.partition()]);
            }
        }

        /**
         * Turns the start into a position within the topic, telling the subscriber if records it
         * asked for are gone.
         */
        private void resolve(
                KafkaConsumer<byte[], byte[]> consumer, Task task, List<TopicPartition> all) {
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            long[] position = new long[all.size()];
            if (task.since != null) {
                Map<TopicPartition, Long> times = new HashMap<>();
                all.forEach(partition -> times.put(partition, task.since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
                for (TopicPartition partition : all) {
                    OffsetAndTimestamp at = found.get(partition);
                    position[partition.partition()] =
                            at == null ? ends.get(partition) : at.offset();
                }
            } else {
                position = Arrays.copyOf(task.position, all.size());
                for (int p = task.position.length; p < all.size(); p++) {
                    position[p] = -1;
                }
            }
            List<Object> notices = new ArrayList<>();
            for (TopicPartition partition : all) {
                int p = partition.partition();
                long begin = beginnings.get(partition);
                long end = ends.get(partition);
                if (position[p] == -1) {
                    position[p] = begin;
                } else if (position[p] < begin) {
                    notices.add(
                            KafkaStream.comment(
                                    "records of partition "
                                            + p
                                            + " from offset "
                                            + position[p]
                                            + " to "
                                            + (begin - 1)
                                            + " are past the topic's retention; continuing at the earliest record, offset "
                                            + begin));
                    position[p] = begin;
                } else if (position[p] > end) {
                    notices.add(
                            KafkaStream.comment(
                                    "Last-Event-ID offset "
                                            + position[p]
                                            + " of partition "
                                            + p
                                            + " is beyond the end of the topic ("
                                            + end
                                            + "; was it recreated?); continuing at the earliest record"));
                    position[p] = begin;
                }
            }
            task.position = position;
            task.resolved = true;
            if (!notices.isEmpty()) {
                task.subscriber.enqueueReplay(notices);
            }
        }
    }
}
