package dev.eddy.bench.client.eventsource;

import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.logging.LDLogger;
import dev.eddy.bench.client.BenchClient;
import dev.eddy.bench.client.ClientRunner;
import dev.eddy.bench.client.DecodedEvents;
import dev.eddy.bench.client.RecentChangeJson;
import java.net.URI;

/**
 * LaunchDarkly okhttp-eventsource in the client benchmark: its pull API ({@link
 * EventSource#readMessage()}) on the calling thread, decoding each message's data String.
 */
public final class OkHttpEventSourceRunner implements BenchClient {

    public static void main(String[] args) throws Exception {
        ClientRunner.run("okhttp-eventsource", new OkHttpEventSourceRunner(), args);
    }

    @Override
    public void read(String url, DecodedEvents events) throws Exception {
        try (EventSource source =
                new EventSource.Builder(URI.create(url)).logger(LDLogger.none()).build()) {
            while (!events.isComplete()) {
                events.add(RecentChangeJson.decode(source.readMessage().getData()));
            }
        }
    }
}
