package dev.eddy.wikimedia.testing;

import dev.eddy.wikimedia.AggregateSinks;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Sinks that keep everything the job emits in memory (the MiniCluster runs in the test's JVM). */
public final class CollectingSinks implements AggregateSinks, AutoCloseable {

    private static final Map<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String aggregatesId = UUID.randomUUID().toString();
    private final String deadLettersId = UUID.randomUUID().toString();

    public CollectingSinks() {
        COLLECTED.put(aggregatesId, new ConcurrentLinkedQueue<>());
        COLLECTED.put(deadLettersId, new ConcurrentLinkedQueue<>());
    }

    @Override
    public void attach(DataStream<AggregateRecord> aggregates) {
        aggregates.sinkTo(new CollectingSink<>(aggregatesId)).uid("collect-aggregates").name("Collect aggregates");
    }

    @Override
    public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {
        deadLetters.sinkTo(new CollectingSink<>(deadLettersId)).uid("collect-dead-letters").name("Collect dead letters");
    }

    /** The aggregate records emitted so far, in arrival order. */
    @SuppressWarnings("unchecked")
    public List<AggregateRecord> aggregates() {
        return (List<AggregateRecord>) (List<?>) List.copyOf(COLLECTED.get(aggregatesId));
    }

    @SuppressWarnings("unchecked")
    public List<DeadLetterRecord> deadLetters() {
        return (List<DeadLetterRecord>) (List<?>) List.copyOf(COLLECTED.get(deadLettersId));
    }

    @Override
    public void close() {
        COLLECTED.remove(aggregatesId);
        COLLECTED.remove(deadLettersId);
    }

    private static final class CollectingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        private final String id;

        CollectingSink(String id) {
            this.id = id;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            Queue<Object> queue = COLLECTED.get(id);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    queue.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
