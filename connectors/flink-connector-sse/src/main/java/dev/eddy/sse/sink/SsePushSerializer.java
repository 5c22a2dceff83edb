package dev.eddy.sse.sink;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Turns a stream element into the record the push sink publishes (stream name and JSON). */
@PublicEvolving
@FunctionalInterface
public interface SsePushSerializer<T> extends Serializable {

    SsePushRecord toPushRecord(T element);
}
