package dev.eddy.wikimedia.kafka;

import dev.eddy.wikimedia.record.AggregateStreams;
import java.util.List;

/**
 * The job's Kafka topic names: {@code eddy.<stream>} per aggregate stream, and {@code
 * eddy.dead-letters}.
 */
public final class Topics {

    public static final String PREFIX = "eddy.";

    public static final String DEAD_LETTERS = PREFIX + "dead-letters";

    private Topics() {}

    /** The topic of an aggregate stream, e.g. {@code eddy.edits-per-wiki}. */
    public static String ofStream(String stream) {
        return PREFIX + stream;
    }

    /** The topics of the aggregate streams. */
    public static List<String> aggregates() {
        return AggregateStreams.ALL.stream().map(Topics::ofStream).toList();
    }
}
