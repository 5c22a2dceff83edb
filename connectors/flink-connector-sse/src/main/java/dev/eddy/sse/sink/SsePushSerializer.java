package dev.eddy.sse.sink;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/** Turns a stream element into the record the push sink publishes (stream name and JSON). */
@PublicEvolving
@FunctionalInterface
public interface SsePushSerializer<T> extends Serializable {

    SsePushRecord toPushRecord(T element);
}
