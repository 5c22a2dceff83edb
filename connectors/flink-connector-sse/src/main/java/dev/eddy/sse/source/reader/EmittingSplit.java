package dev.eddy.sse.source.reader;

import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Which split's records the task thread is emitting, for the watermark generator of a split to
 * learn, at its first event, whose connection it follows. Set by the record emitter whenever the
 * split changes, so it costs a comparison per record.
 */
@Internal
public final class EmittingSplit {

    /** What a watermark generator may ask of its split. */
    @Internal
    public interface Connection {
        /** False while the split's stream is reconnecting (or not connected yet). */
        boolean isConnected();
    }

    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

    private EmittingSplit() {}

    static void set(Connection connection) {
        CURRENT.set(connection);
    }

    /** The connection of the split whose records this thread emits now; null outside a source. */
    public static @Nullable Connection current() {
        return CURRENT.get();
    }
}
