package dev.eddy.bench;

import dev.eddy.wikimedia.kafka.Topics;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@code eddy.activity} topic from its current end, on its own thread, into {@link
 * ActivityUpdates}; {@code read_committed} sees what exactly-once consumers see, {@code
 * read_uncommitted} sees records as soon as the job has written them.
 */
final class KafkaActivityReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final ActivityUpdates updates = new ActivityUpdates();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param isolationLevel {@code read_committed} or {@code read_uncommitted}
     */
    KafkaActivityReader(String bootstrapServers, String isolationLevel) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.ofStream(AggregateStreams.ACTIVITY)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::readUntilClosed, "bench-kafka-" + isolationLevel);
        thread.setDaemon(true);
        thread.start();
    }

    ActivityUpdates updates() {
        return updates;
    }

    private void readUntilClosed() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    updates.add(record.value(), System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // close() ends the poll.
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
