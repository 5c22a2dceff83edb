package dev.eddy.sse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.protocol.SseEventWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream served from its Kafka topic. A single {@link TopicReader} per replica feeds it the
 * committed records; it keeps the last of them in a ring ({@link BoundedRing}) and the latest
 * window updates in {@link LatestWindows}, and fans each record out to the subscribers that are
 * live.
 *
 * <p>A subscriber is live in one of two ways. In step with the reader (the usual case), it gets the
 * shared frame of each record, whose id is the reader's position after it. Ahead of the reader (it
 * resumed with an id from a replica that had read further), it skips records it already has until
 * the reader catches up; until then its frames carry its own position. A subscriber resuming from
 * before what the ring holds is handed to the {@link CatchUpReader}, which reads the topic for it
 * and hands it back here once the ring covers its position.
 */
final class KafkaStream implements ServedStream {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String topic;
    private final byte[] eventLine;
    private final BoundedRing<KafkaRecord> ring;
    private final LatestWindows latest;
    private final CatchUpReader catchUp;
    private final FanOut fanOut;
    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder resumesFromRing = new LongAdder();
    private final LongAdder resumesFromKafka = new LongAdder();

    /** Guarded by this. */
    private final Set<Subscriber> inStep = new LinkedHashSet<>();

    /** Guarded by this: subscribers ahead of the reader, with their own positions. */
    private final Map<Subscriber, long[]> ahead = new IdentityHashMap<>();

    /**
     * Guarded by this: subscribers that arrived before the reader first reached the end, with their
     * start and the reader's position when they arrived (where "live" starts for them).
     */
    private final Map<Subscriber, Waiting> waiting = new LinkedHashMap<>();

    private static final class Waiting {
        final StartRequest start;
        final long[] arrivedAt;

        Waiting(StartRequest start, long[] arrivedAt) {
            this.start = start;
            this.arrivedAt = arrivedAt;
        }
    }

    /** Guarded by this. */
    private final Set<Subscriber> catchingUp = new HashSet<>();

    /** Guarded by this: the reader's position, the next offset to read per partition. */
    private long[] head = new long[0];

    /** Guarded by this: per partition, the ring holds every record from this offset to head. */
    private long[] coverage = new long[0];

    private boolean ready;

    KafkaStream(
            String name,
            String topic,
            int ringCapacity,
            LatestWindows latest,
            CatchUpReader catchUp,
            FanOut fanOut) {
        this.name = name;
        this.topic = topic;
        this.eventLine = ("event: " + name + "\n").getBytes(StandardCharsets.UTF_8);
        this.ring = new BoundedRing<>(ringCapacity);
        this.latest = latest;
        this.catchUp = catchUp;
        this.fanOut = fanOut;
    }

    @Override
    public String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    synchronized int partitions() {
        return head.length;
    }

    @Override
    public void validate(StartRequest start) {
        if (start.lastEventId != null) {
            KafkaPosition.parse(start.lastEventId, Math.max(1, partitions()));
        }
    }

    @Override
    public void subscribe(Subscriber subscriber, StartRequest start, List<ByteBuffer> preamble) {
        synchronized (this) {
            subscriber.enqueueReplay(new ArrayList<>(preamble));
            if (ready) {
                attach(subscriber, start, null);
            } else {
                waiting.put(subscriber, new Waiting(start, head.length == 0 ? null : head.clone()));
            }
        }
        subscriber.iterate();
    }

    /**
     * Guarded by this.
     *
     * @param arrivedAt for a live subscriber that waited for the reader to be ready, where it
     *     starts; null for one attached on arrival
     */
    private void attach(Subscriber subscriber, StartRequest start, long[] arrivedAt) {
        if (start.lastEventId != null || (arrivedAt != null && !start.snapshot)) {
            long[] position =
                    padded(
                            start.lastEventId != null
                                    ? KafkaPosition.parse(start.lastEventId, head.length)
                                    : arrivedAt);
            if (covered(position)) {
                resumesFromRing.increment();
                handOver(subscriber, position);
            } else {
                resumesFromKafka.increment();
                catchingUp.add(subscriber);
                catchUp.resume(this, subscriber, position, null);
            }
        } else if (start.since != null) {
            resumesFromKafka.increment();
            catchingUp.add(subscriber);
            catchUp.resume(this, subscriber, null, start.since);
        } else {
            if (start.snapshot) {
                List<Object> rows = new ArrayList<>();
                for (StreamRecord record : latest.snapshot()) {
                    if (subscriber.wants(record)) {
                        rows.add(record);
                    }
                }
                subscriber.enqueueReplay(rows);
            }
            inStep.add(subscriber);
        }
    }

    /**
     * Called by the catch-up reader: takes the subscriber over if the ring covers its position,
     * queueing what the ring holds after it.
     *
     * @return false if the subscriber must read on from Kafka
     */
    boolean tryHandOver(Subscriber subscriber, long[] position) {
        synchronized (this) {
            if (!catchingUp.contains(subscriber)) {
                return true;
            }
            long[] padded = padded(position);
            if (!covered(padded)) {
                return false;
            }
            catchingUp.remove(subscriber);
            handOver(subscriber, padded);
        }
        subscriber.iterate();
        return true;
    }

    /** Guarded by this: queues what the ring holds after {@code position}, then goes live. */
    private void handOver(Subscriber subscriber, long[] position) {
        List<Object> replay = new ArrayList<>();
        long[][] seen = {position.clone()};
        ring.forEach(
                entry -> {
                    if (entry.offset < seen[0][entry.partition]) {
                        return;
                    }
                    seen[0] = KafkaPosition.max(seen[0], entry.positionAfter);
                    if (subscriber.wants(entry.record)) {
                        replay.add(
                                Arrays.equals(seen[0], entry.positionAfter)
                                        ? entry.record
                                        : frame(seen[0], entry.record));
                    }
                });
        subscriber.enqueueReplay(replay);
        long[] now = KafkaPosition.max(seen[0], head);
        if (Arrays.equals(now, head)) {
            inStep.add(subscriber);
        } else {
            ahead.put(subscriber, now);
        }
    }

    /** Guarded by this: true if the ring holds every record after {@code position}. */
    private boolean covered(long[] position) {
        for (int partition = 0; partition < head.length; partition++) {
            if (position[partition] < coverage[partition]) {
                return false;
            }
        }
        return true;
    }

    /** Guarded by this: the position with an entry for every partition, -1 for "earliest". */
    private long[] padded(long[] position) {
        long[] padded = Arrays.copyOf(position, Math.max(position.length, head.length));
        Arrays.fill(padded, position.length, padded.length, -1);
        return padded;
    }

    /** The reader starts (or, with new partitions, restarts) at {@code start}. */
    synchronized void startAt(long[] start) {
        long[] grownHead = Arrays.copyOf(head, start.length);
        long[] grownCoverage = Arrays.copyOf(coverage, start.length);
        for (int partition = head.length; partition < start.length; partition++) {
            grownHead[partition] = start[partition];
            grownCoverage[partition] = start[partition];
        }
        head = grownHead;
        coverage = grownCoverage;
        for (Map.Entry<Subscriber, long[]> entry : ahead.entrySet()) {
            entry.setValue(padded(entry.getValue()));
        }
    }

    /** The reader has read up to the end of the topic once: subscribers may attach. */
    void becameReady() {
        List<Subscriber> attached;
        synchronized (this) {
            ready = true;
            attached = new ArrayList<>(waiting.keySet());
            waiting.forEach((subscriber, wait) -> attach(subscriber, wait.start, wait.arrivedAt));
            waiting.clear();
        }
        attached.forEach(Subscriber::iterate);
        LOG.info(
                "Stream {} serves topic {} from position {}",
                name,
                topic,
                KafkaPosition.format(head()));
    }

    /**
     * Appends what the reader read and fans it out.
     *
     * @param positionAfter the reader's position after the batch, which may lie beyond the last
     *     record (transaction markers, aborted records)
     */
    void append(List<KafkaRecord> records, long[] positionAfter) {
        List<Subscriber> slow = new ArrayList<>();
        List<Subscriber> toWrite;
        synchronized (this) {
            for (KafkaRecord record : records) {
                head = record.positionAfter;
                KafkaRecord evicted = ring.append(record);
                if (evicted != null) {
                    coverage[evicted.partition] =
                            Math.max(coverage[evicted.partition], evicted.offset + 1);
                    evictions.increment();
                }
                latest.update(record.record);
                for (Subscriber subscriber : inStep) {
                    if (subscriber.wants(record.record) && !subscriber.enqueue(record.record)) {
                        slow.add(subscriber);
                    }
                }
                if (!ahead.isEmpty()) {
                    deliverToAhead(record, slow);
                }
            }
            advanceTo(positionAfter);
            toWrite = new ArrayList<>(inStep.size() + ahead.size());
            toWrite.addAll(inStep);
            toWrite.addAll(ahead.keySet());
        }
        recordsIn.add(records.size());
        slow.forEach(Subscriber::disconnectSlow);
        if (!records.isEmpty()) {
            fanOut.write(toWrite);
        }
    }

    /** Guarded by this. */
    private void deliverToAhead(KafkaRecord record, List<Subscriber> slow) {
        for (Map.Entry<Subscriber, long[]> entry : ahead.entrySet()) {
            long[] position = entry.getValue();
            if (record.offset < position[record.partition]) {
                continue;
            }
            long[] after = KafkaPosition.max(position, record.positionAfter);
            entry.setValue(after);
            Subscriber subscriber = entry.getKey();
            if (subscriber.wants(record.record)) {
                Object frame =
                        Arrays.equals(after, record.positionAfter)
                                ? record.record
                                : frame(after, record.record);
                if (!subscriber.enqueue(frame)) {
                    slow.add(subscriber);
                }
            }
        }
    }

    /** Guarded by this: moves the head, and subscribers the reader caught up with into step. */
    private void advanceTo(long[] positionAfter) {
        head = KafkaPosition.max(head, positionAfter);
        if (ahead.isEmpty()) {
            return;
        }
        ahead.entrySet()
                .removeIf(
                        entry -> {
                            long[] position = KafkaPosition.max(entry.getValue(), head);
                            entry.setValue(position);
                            if (Arrays.equals(position, head)) {
                                inStep.add(entry.getKey());
                                return true;
                            }
                            return false;
                        });
    }

    @Override
    public synchronized boolean ready() {
        return ready;
    }

    synchronized long[] head() {
        return head.clone();
    }

    /**
     * The record subscribers get for a value read at {@code partition}/{@code offset}; {@code
     * shared} frames (for every subscriber in step) live outside the heap.
     */
    KafkaRecord record(
            int partition, long offset, long[] positionAfter, byte[] value, boolean shared) {
        Map<String, String> fields = Map.of();
        try {
            JsonNode node = JSON.readTree(value);
            if (node instanceof ObjectNode) {
                fields = RecordFields.topLevel((ObjectNode) node);
            }
        } catch (IOException notJson) {
            LOG.debug("Record {}/{} of {} is not JSON; served as text", partition, offset, topic);
        }
        StreamRecord record =
                new StreamRecord(
                        offset, frame(KafkaPosition.format(positionAfter), value, shared), fields);
        return new KafkaRecord(partition, offset, positionAfter, record);
    }

    /** The same record with the id of another position. */
    static StreamRecord frame(long[] position, StreamRecord record) {
        return record.withId(KafkaPosition.format(position));
    }

    private ByteBuffer frame(String id, byte[] value, boolean shared) {
        byte[] idLine = ("id: " + id + "\n").getBytes(StandardCharsets.US_ASCII);
        boolean singleLine = true;
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                singleLine = false;
                break;
            }
        }
        byte[] data =
                singleLine
                        ? value
                        : SseEventWriter.appendEvent(
                                        new StringBuilder(),
                                        null,
                                        null,
                                        new String(value, StandardCharsets.UTF_8))
                                .toString()
                                .getBytes(StandardCharsets.UTF_8);
        int length = idLine.length + eventLine.length + data.length + (singleLine ? 8 : 0);
        ByteBuffer frame = shared ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        frame.put(idLine).put(eventLine);
        if (singleLine) {
            frame.put("data: ".getBytes(StandardCharsets.US_ASCII)).put(data);
            frame.put((byte) '\n').put((byte) '\n');
        } else {
            frame.put(data);
        }
        return frame.flip();
    }

    /**
     * Called by the catch-up reader when it gives up on a subscriber (it closed, or Kafka failed).
     */
    synchronized void catchUpEnded(Subscriber subscriber) {
        catchingUp.remove(subscriber);
    }

    @Override
    public synchronized void unsubscribe(Subscriber subscriber) {
        inStep.remove(subscriber);
        ahead.remove(subscriber);
        waiting.remove(subscriber);
        catchingUp.remove(subscriber);
    }

    @Override
    public synchronized List<Subscriber> idleCandidates() {
        List<Subscriber> idle = new ArrayList<>(inStep);
        idle.addAll(ahead.keySet());
        idle.addAll(waiting.keySet());
        return idle;
    }

    @Override
    public synchronized List<Subscriber> subscribers() {
        List<Subscriber> all = idleCandidates();
        all.addAll(catchingUp);
        return all;
    }

    @Override
    public synchronized int subscriberCount() {
        return inStep.size() + ahead.size() + waiting.size() + catchingUp.size();
    }

    @Override
    public long recordsIn() {
        return recordsIn.sum();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    long resumesFromRing() {
        return resumesFromRing.sum();
    }

    long resumesFromKafka() {
        return resumesFromKafka.sum();
    }

    @Override
    public void describe(ObjectNode entry) {
        entry.put("last_id", KafkaPosition.format(head())).put("topic", topic);
    }

    static ByteBuffer comment(String text) {
        return PushStream.comment(text);
    }
}
