package dev.eddy.wikimedia;

import dev.eddy.wikimedia.model.WikiInput;

import org.apache.flink.api.connector.source.Source;

/** Builds the job's real connectors from its options: the SSE source and the SSE push sink. */
final class SourceFactory {

    private SourceFactory() {}

    /** The SSE source over the option's stream URLs, decoding recentchange events, de-duplicating on meta.id. */
    static Source<WikiInput, ?, ?> source(JobOptions options) {
        throw new UnsupportedOperationException(
                "the SSE source is not in this build yet: run the job with a source of your own (WikimediaAggregatesJob constructor)");
    }

    /** Sinks publishing the aggregates to the Eddy SSE endpoint at {@code --push}. */
    static AggregateSinks pushSinks(JobOptions options) {
        throw new UnsupportedOperationException("the SSE push sink is not in this build yet: run without --push");
    }
}
