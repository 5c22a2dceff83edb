package dev.eddy.faults.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a {@code read_committed} consumer of the aggregate topics sees: the committed {@code
 * final:true} records, read from a {@link #mark} on, so that several runs can share one broker.
 */
public final class CommittedFinals {

    /** The aggregate topics of the job. */
    public static final List<String> TOPICS =
            List.of("eddy.edits-per-wiki", "eddy.top-pages", "eddy.activity");

    /**
     * Once the expected finals are in, read this much longer (three checkpoints of the fault
     * suite's cluster): duplicates would come with later transactions.
     */
    private static final Duration LINGER = Duration.ofSeconds(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final Map<TopicPartition, Long> start;
    private final Predicate<ObjectNode> ofThisRun;

    private CommittedFinals(
            String bootstrapServers,
            Map<TopicPartition, Long> start,
            Predicate<ObjectNode> ofThisRun) {
        this.bootstrapServers = bootstrapServers;
        this.start = start;
        this.ofThisRun = ofThisRun;
    }

    /**
     * Marks where the committed output ends now: {@link #awaitFinals} reads only what comes later,
     * and of that only the records {@code ofThisRun} accepts (runs at the same time write windows
     * of different days).
     */
    public static CommittedFinals mark(String bootstrapServers, Predicate<ObjectNode> ofThisRun) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            return new CommittedFinals(
                    bootstrapServers, new HashMap<>(consumer.endOffsets(partitions)), ofThisRun);
        }
    }

    /** Reads the whole committed output, from the start of each partition. */
    public static CommittedFinals fromTheStart(String bootstrapServers) {
        return new CommittedFinals(bootstrapServers, Map.of(), record -> true);
    }

    /**
     * Reads committed finals until {@code expected} of them are there (within {@code patience}),
     * then a few seconds longer; returns all of them, in the order read.
     */
    public List<ObjectNode> awaitFinals(int expected, Duration patience) {
        return read(expected, patience, LINGER);
    }

    /**
     * Reads committed finals until at least {@code count} are there; returns them. Fails at once,
     * with {@code diagnostics}, when the producing process is no longer {@code alive}.
     */
    public List<ObjectNode> awaitAtLeast(
            int count, Duration patience, BooleanSupplier alive, Supplier<String> diagnostics) {
        return read(
                count,
                patience,
                Duration.ZERO,
                () -> {
                    if (!alive.getAsBoolean()) {
                        throw new AssertionError(
                                "the process writing the output ended:\n" + diagnostics.get());
                    }
                });
    }

    private List<ObjectNode> read(int expected, Duration patience, Duration linger) {
        return read(expected, patience, linger, () -> {});
    }

    private List<ObjectNode> read(
            int expected, Duration patience, Duration linger, Runnable check) {
        List<ObjectNode> finals = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            await().atMost(patience)
                    .pollInSameThread()
                    .until(
                            () -> {
                                check.run();
                                assignNewPartitions(consumer);
                                poll(consumer, finals, Duration.ofMillis(500));
                                return finals.size() >= expected;
                            });
            long lingerUntil = System.nanoTime() + linger.toNanos();
            while (System.nanoTime() < lingerUntil) {
                poll(consumer, finals, Duration.ofMillis(500));
            }
        }
        return finals;
    }

    /** The finals by window ({@link IndependentAggregates#id}), without {@code revision}. */
    public static Map<String, ObjectNode> byWindow(List<ObjectNode> finals) {
        Map<String, ObjectNode> byWindow = new TreeMap<>();
        for (ObjectNode record : finals) {
            ObjectNode withoutRevision = record.deepCopy();
            withoutRevision.remove("revision");
            byWindow.put(id(record), withoutRevision);
        }
        return byWindow;
    }

    /** Windows with more than one committed final, with how many. */
    public static Map<String, Integer> repeatedWindows(List<ObjectNode> finals) {
        Map<String, Integer> counts = new TreeMap<>();
        finals.forEach(record -> counts.merge(id(record), 1, Integer::sum));
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    private static String id(ObjectNode record) {
        return IndependentAggregates.id(
                record.get("stream").asText(),
                record.get("key").asText(),
                record.get("window_start").asText());
    }

    /** Assigns partitions that appeared since the last call; none while the broker is not up. */
    private void assignNewPartitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> all;
        try {
            all = partitions(consumer);
        } catch (TimeoutException e) {
            return;
        }
        if (all.size() == consumer.assignment().size()) {
            return;
        }
        consumer.assign(all);
        for (TopicPartition partition : all) {
            consumer.seek(partition, start.getOrDefault(partition, 0L));
        }
    }

    private void poll(
            KafkaConsumer<String, String> consumer, List<ObjectNode> finals, Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            try {
                ObjectNode value = (ObjectNode) JSON.readTree(record.value());
                if (value.path("final").asBoolean() && ofThisRun.test(value)) {
                    finals.add(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(3));
        for (String topic : TOPICS) {
            for (PartitionInfo info : topics.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class));
    }
}
