package dev.eddy.sse.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.protocol.SseEventWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named stream fed by publishers (push mode): hands out its ids, keeps its bounded history,
 * drops re-sent updates (the same content again) and fans each record out to its subscribers.
 * Publishing and subscribing take the stream's lock only to order records and queue them; the
 * writes to subscribers happen after, outside the lock.
 */
final class PushStream implements ServedStream {

    private static final Logger LOG = LoggerFactory.getLogger(PushStream.class);

    /** A published record before it has an id: its one-line JSON and its top-level fields. */
    static final class Pending {
        final byte[] json;
        final Map<String, String> fields;

        Pending(byte[] json, Map<String, String> fields) {
            this.json = json;
            this.fields = fields;
        }
    }

    /**
     * What a publish did, and the subscribers that now have frames to write; {@code failure} says
     * why it stopped early (ids could not be recorded), else null.
     */
    static final class PublishResult {
        final int accepted;
        final int duplicates;
        final long lastId;
        final List<Subscriber> toWrite;
        final String failure;

        PublishResult(
                int accepted,
                int duplicates,
                long lastId,
                List<Subscriber> toWrite,
                String failure) {
            this.accepted = accepted;
            this.duplicates = duplicates;
            this.lastId = lastId;
            this.toWrite = toWrite;
            this.failure = failure;
        }
    }

    private final String name;
    private final byte[] frameHeader;
    private final EventIdStore ids;
    private final RecordHistory history;
    private final UpdateDeduplicator deduplicator;
    private final LatestWindows latest;
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private long nextId;
    private long lastId;
    private long unavailableThrough;
    private boolean stopped;

    PushStream(
            String name,
            EventIdStore ids,
            int historySize,
            int dedupWindows,
            LatestWindows latest) {
        this.latest = latest;
        this.name = name;
        this.frameHeader = ("\nevent: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        this.ids = ids;
        this.history = new RecordHistory(historySize);
        this.deduplicator = new UpdateDeduplicator(dedupWindows);
        this.nextId = ids.firstId(name);
        this.lastId = nextId - 1;
        this.unavailableThrough = nextId - 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void validate(StartRequest start) {
        if (start.since != null) {
            throw new IllegalArgumentException(
                    "since= needs an endpoint that serves from Kafka (eddy serve --kafka); this one keeps only its last records: resume with Last-Event-ID");
        }
    }

    /**
     * Publishes records in order. The caller then {@link Subscriber#iterate() iterates} the
     * result's subscribers, outside the lock, to get the frames written.
     */
    PublishResult publish(List<Pending> records) {
        List<Subscriber> toDisconnect = new ArrayList<>();
        PublishResult result;
        int accepted = 0;
        int duplicated = 0;
        String failure = null;
        synchronized (this) {
            if (stopped) {
                failure = "the endpoint is stopping";
                records = List.of();
            }
            for (Pending pending : records) {
                if (deduplicator.isDuplicate(pending.fields, pending.json)) {
                    duplicated++;
                    continue;
                }
                try {
                    ids.reserve(name, nextId);
                } catch (UncheckedIOException e) {
                    LOG.error(
                            "Cannot record event ids of stream {}; refusing publishes until it works",
                            name,
                            e);
                    failure = e.getMessage();
                    break;
                }
                deduplicator.remember(pending.fields, pending.json);
                StreamRecord record =
                        new StreamRecord(nextId, frame(nextId, pending.json), pending.fields);
                lastId = nextId++;
                accepted++;
                latest.update(record);
                StreamRecord evicted = history.append(record);
                if (evicted != null) {
                    unavailableThrough = evicted.id();
                    evictions.increment();
                }
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.wants(record) && !subscriber.enqueue(record)) {
                        toDisconnect.add(subscriber);
                    }
                }
            }
            result =
                    new PublishResult(
                            accepted, duplicated, lastId, new ArrayList<>(subscribers), failure);
        }
        recordsIn.add(accepted);
        duplicates.add(duplicated);
        toDisconnect.forEach(Subscriber::disconnectSlow);
        return result;
    }

    @Override
    public void subscribe(Subscriber subscriber, StartRequest start, List<ByteBuffer> preamble) {
        Long lastEventId = parseEventId(start.lastEventId);
        List<Object> replay = new ArrayList<>(preamble);
        if (start.lastEventId != null && lastEventId == null) {
            replay.add(
                    comment(
                            "ignored Last-Event-ID: not a decimal event id of this endpoint; sending live records only"));
        }
        synchronized (this) {
            if (lastEventId != null) {
                if (lastEventId < unavailableThrough) {
                    replay.add(
                            comment(
                                    "history starts after id "
                                            + unavailableThrough
                                            + ": records after id "
                                            + lastEventId
                                            + " up to it are no longer available"));
                }
                for (StreamRecord record : history.after(lastEventId)) {
                    if (subscriber.wants(record)) {
                        replay.add(record);
                    }
                }
            } else if (start.snapshot) {
                for (StreamRecord record : latest.snapshot()) {
                    if (subscriber.wants(record)) {
                        replay.add(record);
                    }
                }
            }
            subscriber.enqueueReplay(replay);
            subscribers.add(subscriber);
        }
        subscriber.iterate();
    }

    @Override
    public synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    @Override
    public List<Subscriber> idleCandidates() {
        return subscribers();
    }

    @Override
    public synchronized List<Subscriber> subscribers() {
        return new ArrayList<>(subscribers);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public synchronized int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void describe(ObjectNode entry) {
        entry.put("last_id", lastId());
    }

    /**
     * Takes no more publishes and returns the id of the last record: no id above it is ever handed
     * out by this run, so the next run may continue right after it.
     */
    synchronized long stop() {
        stopped = true;
        return lastId;
    }

    /** The id of the last record published, or of the last one of an earlier run. */
    synchronized long lastId() {
        return lastId;
    }

    @Override
    public long recordsIn() {
        return recordsIn.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    static ByteBuffer comment(String text) {
        StringBuilder out = SseEventWriter.appendComment(new StringBuilder(), text).append('\n');
        return ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static Long parseEventId(String text) {
        if (text == null || text.length() > 19) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ByteBuffer frame(long id, byte[] json) {
        byte[] idBytes = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame =
                ByteBuffer.allocateDirect(
                        4 + idBytes.length + frameHeader.length + json.length + 2);
        frame.put("id: ".getBytes(StandardCharsets.US_ASCII))
                .put(idBytes)
                .put(frameHeader)
                .put(json);
        frame.put((byte) '\n').put((byte) '\n');
        return frame.flip();
    }
}
