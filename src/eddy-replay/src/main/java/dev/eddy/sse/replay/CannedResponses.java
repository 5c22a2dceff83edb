package dev.eddy.sse.replay;

import static org.apache.flink.util.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Injected answers waiting for the next requests, in the order they were queued. */
final class CannedResponses {

    /** One injected answer: status, headers as name/value pairs, how many requests remain. */
    static final class CannedResponse {

        final int status;
        final List<String> headerNamesAndValues;
        private final int times;
        private int remaining;

        CannedResponse(int times, int status, String... headerNamesAndValues) {
            this(times, status, List.of(headerNamesAndValues));
        }

        private CannedResponse(int times, int status, List<String> headerNamesAndValues) {
            checkArgument(times >= 1, "times must be at least 1, got %s", times);
            checkArgument(
                    status >= 100 && status <= 599,
                    "status must be an HTTP status code, got %s",
                    status);
            checkArgument(
                    headerNamesAndValues.size() % 2 == 0,
                    "headers come as name, value pairs; got an odd count: %s",
                    headerNamesAndValues.size());
            this.times = times;
            this.remaining = times;
            this.status = status;
            this.headerNamesAndValues = headerNamesAndValues;
        }

        /** The same answer for another server, none of its uses spent. */
        CannedResponse fresh() {
            return new CannedResponse(times, status, headerNamesAndValues);
        }
    }

    private final Deque<CannedResponse> queue = new ArrayDeque<>();

    synchronized void add(CannedResponse response) {
        queue.addLast(response);
    }

    /** The answer for the next request, or null to serve the stream. */
    synchronized CannedResponse take() {
        CannedResponse head = queue.peekFirst();
        if (head != null && --head.remaining == 0) {
            queue.removeFirst();
        }
        return head;
    }
}
