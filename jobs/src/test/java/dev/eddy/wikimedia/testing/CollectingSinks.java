package dev.eddy.wikimedia.testing;

import dev.eddy.testing.CollectingSink;
import dev.eddy.wikimedia.AggregateSinks;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Sinks that keep everything the job emits in memory (the MiniCluster runs in the test's JVM). */
public final class CollectingSinks implements AggregateSinks, AutoCloseable {

    private final CollectingSink<AggregateRecord> aggregates = new CollectingSink<>();
    private final CollectingSink<DeadLetterRecord> deadLetters = new CollectingSink<>();

    @Override
    public void attach(DataStream<AggregateRecord> stream) {
        stream.sinkTo(aggregates).uid("collect-aggregates").name("Collect aggregates");
    }

    @Override
    public void attachDeadLetters(DataStream<DeadLetterRecord> stream) {
        stream.sinkTo(deadLetters).uid("collect-dead-letters").name("Collect dead letters");
    }

    /** The aggregate records emitted so far, in arrival order. */
    public List<AggregateRecord> aggregates() {
        return aggregates.received();
    }

    public List<DeadLetterRecord> deadLetters() {
        return deadLetters.received();
    }

    @Override
    public void close() {
        aggregates.close();
        deadLetters.close();
    }
}
