package dev.eddy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps every record it is given in memory of this JVM, for MiniCluster tests. Each
 * instance has its own store, which outlives the job (so a restored job adds to it) until {@link
 * #close()}.
 */
public final class CollectingSink<T> implements Sink<T>, AutoCloseable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> STORES = new ConcurrentHashMap<>();

    private final String storeId = UUID.randomUUID().toString();

    public CollectingSink() {
        STORES.put(storeId, new ConcurrentLinkedQueue<>());
    }

    /** What all writers received so far, in arrival order per writer. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        return new ArrayList<>((Queue<T>) STORES.get(storeId));
    }

    public int count() {
        return STORES.get(storeId).size();
    }

    /** Forgets what was received. */
    @Override
    public void close() {
        STORES.remove(storeId);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> store = STORES.get(storeId);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                store.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
