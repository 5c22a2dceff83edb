package dev.eddy.local;

/** Where the SSE endpoint of {@code eddy local} takes the aggregates it serves from. */
public enum ServeFrom {

    /**
     * The job's push sinks publish every update to the endpoint as its window fires: the lowest
     * latency; ids are decimals, resume history is in the endpoint's memory.
     */
    PUSH,

    /**
     * The endpoint reads the job's Kafka topics {@code read_committed}: only exactly-once output
     * that a checkpoint committed, ids are Kafka positions, resumable after any restart.
     */
    KAFKA;

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ServeFrom parse(String value) {
        for (ServeFrom mode : values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected push or kafka, got '" + value + "'");
    }
}
