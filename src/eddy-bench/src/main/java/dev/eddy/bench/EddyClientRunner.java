package dev.eddy.bench;

import dev.eddy.bench.client.BenchClient;
import dev.eddy.bench.client.ClientRunner;
import dev.eddy.bench.client.DecodedEvents;
import dev.eddy.bench.client.RecentChangeJson;
import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.client.SseStreamClient;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;

/**
 * Eddy's own client in the client benchmark: {@link SseStreamClient} with the default settings,
 * each event decoded straight from its UTF-8 data bytes.
 */
public final class EddyClientRunner implements BenchClient {

    private final SseClientConfig config = SseClientConfig.builder().build();

    public static void main(String[] args) throws Exception {
        ClientRunner.run("eddy", new EddyClientRunner(), args);
    }

    @Override
    public void read(String url, DecodedEvents events) throws Exception {
        SseEventListener decoder =
                new SseEventListener() {
                    @Override
                    public void onEvent(SseEvent event) {
                        if (!events.isComplete()) {
                            events.add(RecentChangeJson.decode(event.dataUtf8()));
                        }
                    }
                };
        try (SseStreamClient client =
                new SseStreamClient(url, config, null, null, SseConnectionObserver.NONE)) {
            while (!events.isComplete()) {
                client.poll(decoder);
            }
        }
    }
}
