package dev.eddy.bench.client;

/** One SSE client library under test, used the way its documentation shows. */
public interface BenchClient {

    /**
     * Opens a new connection to {@code url}, decodes each event's data with {@link
     * RecentChangeJson} into {@code events} until {@link DecodedEvents#isComplete()}, then closes
     * the connection.
     */
    void read(String url, DecodedEvents events) throws Exception;
}
