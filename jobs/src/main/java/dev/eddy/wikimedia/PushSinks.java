package dev.eddy.wikimedia;

/** The sinks that publish the aggregates to an Eddy SSE endpoint ({@code --push}). */
final class PushSinks {

    private PushSinks() {}

    static AggregateSinks create(JobOptions options) {
        throw new UnsupportedOperationException(
                "--push needs the SSE push sink, which is not in this build yet; run without --push");
    }
}
