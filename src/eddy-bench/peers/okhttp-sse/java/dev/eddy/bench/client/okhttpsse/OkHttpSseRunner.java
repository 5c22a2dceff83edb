package dev.eddy.bench.client.okhttpsse;

import dev.eddy.bench.client.BenchClient;
import dev.eddy.bench.client.ClientRunner;
import dev.eddy.bench.client.DecodedEvents;
import dev.eddy.bench.client.RecentChangeJson;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * okhttp-sse in the client benchmark: an {@link EventSource} from {@link
 * EventSources#createFactory}, its listener decoding each event's data String.
 */
public final class OkHttpSseRunner implements BenchClient {

    private final EventSource.Factory factory = EventSources.createFactory(new OkHttpClient());

    public static void main(String[] args) throws Exception {
        ClientRunner.run("okhttp-sse", new OkHttpSseRunner(), args);
    }

    @Override
    public void read(String url, DecodedEvents events) throws Exception {
        DecodingListener listener = new DecodingListener(events);
        EventSource source =
                factory.newEventSource(new Request.Builder().url(url).build(), listener);
        try {
            listener.done.await();
        } finally {
            source.cancel();
        }
        if (!events.isComplete()) {
            throw new IOException(
                    "okhttp-sse stopped after " + events.count() + " events", listener.failure);
        }
    }

    /**
     * Decodes on OkHttp's reader thread; signals once enough events were decoded or the stream
     * failed.
     */
    private static final class DecodingListener extends EventSourceListener {
        private final DecodedEvents events;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;

        DecodingListener(DecodedEvents events) {
            this.events = events;
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            if (events.isComplete()) {
                return;
            }
            if (events.add(RecentChangeJson.decode(data))) {
                source.cancel();
                done.countDown();
            }
        }

        @Override
        public void onFailure(EventSource source, Throwable t, Response response) {
            failure = t;
            done.countDown();
        }

        @Override
        public void onClosed(EventSource source) {
            done.countDown();
        }
    }
}
