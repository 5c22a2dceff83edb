package dev.eddy.wikimedia;

import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's output goes: the application attaches Kafka and the SSE push sink, tests attach
 * collecting sinks. Implementations give each sink operator a stable {@code uid} and a name.
 */
public interface AggregateSinks {

    /** Attaches sinks to the updates of all aggregate streams (each record names its stream). */
    void attach(DataStream<AggregateRecord> aggregates);

    /** Attaches sinks to the events that could not be used. */
    void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters);

    /** Sinks that attach each of the given ones in turn. */
    static AggregateSinks all(AggregateSinks... sinks) {
        List<AggregateSinks> each = List.of(sinks);
        return new AggregateSinks() {
            @Override
            public void attach(DataStream<AggregateRecord> aggregates) {
                each.forEach(sink -> sink.attach(aggregates));
            }

            @Override
            public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {
                each.forEach(sink -> sink.attachDeadLetters(deadLetters));
            }
        };
    }
}
