package dev.eddy.sse.sink;

import org.apache.flink.annotation.PublicEvolving;

/** The names of the SSE push sink's metrics, under the sink writer's operator group. */
@PublicEvolving
public final class SsePushSinkMetrics {

    /** Counter: records the endpoint accepted. */
    public static final String RECORDS_SENT = "pushRecordsSent";

    /** Counter: records given up (buffer full, refused by the endpoint, left at close). */
    public static final String RECORDS_DROPPED = "pushRecordsDropped";

    /** Counter: publish requests that failed (each retry counts). */
    public static final String FAILED_REQUESTS = "pushFailedRequests";

    /** Gauge: records buffered or in flight. */
    public static final String BUFFERED_RECORDS = "pushBufferedRecords";

    private SsePushSinkMetrics() {}
}
