package dev.eddy.sse.replay;

/**
 * How a {@link ReplayServer} serves each connection.
 *
 * @param eventsPerSecond pacing per connection; {@link Double#POSITIVE_INFINITY} for as fast as the
 *     client reads
 * @param loop repeat the recording forever, shifting ids and event times each pass
 * @param dropEvery abort each connection after this many events on it; 0 never
 * @param stallAfter after this many events on a connection send nothing more until the client
 *     closes it; -1 never
 * @param holdOpenAtEnd at the end of the recording keep the connection open (like a live stream
 *     gone quiet) instead of ending the response
 * @param retryMillis the {@code retry:} hint sent at the start of each stream; -1 none
 * @param repeatOnResume a stream resumed after a known {@code Last-Event-ID} starts this many
 *     events before the one after it, repeating what the client already has; 0 never
 */
record ReplaySettings(
        double eventsPerSecond,
        boolean loop,
        int dropEvery,
        int stallAfter,
        boolean holdOpenAtEnd,
        long retryMillis,
        int repeatOnResume) {

    boolean paced() {
        return eventsPerSecond != Double.POSITIVE_INFINITY;
    }
}
