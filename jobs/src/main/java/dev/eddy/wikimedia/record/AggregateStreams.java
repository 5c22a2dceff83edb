package dev.eddy.wikimedia.record;

import java.util.List;

/**
 * The names of the job's aggregate streams, as records carry them in {@code "stream"}: the Kafka
 * topic of each is {@code eddy.<name>}, its SSE endpoint path {@code /streams/<name>}. The one
 * place these names are written; everything else refers to them.
 */
public final class AggregateStreams {

    /** 1-minute tumbling windows keyed by wiki. */
    public static final String EDITS_PER_WIKI = "edits-per-wiki";

    /** The most-edited pages per wiki, sliding windows. */
    public static final String TOP_PAGES = "top-pages";

    /** All wikis together: events by type, bot share. */
    public static final String ACTIVITY = "activity";

    /** All of them, in the contract's order. */
    public static final List<String> ALL = List.of(EDITS_PER_WIKI, TOP_PAGES, ACTIVITY);

    private AggregateStreams() {}
}
