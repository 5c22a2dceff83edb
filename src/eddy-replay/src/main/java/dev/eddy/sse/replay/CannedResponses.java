package dev.eddy.sse.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Injected answers waiting for the next requests, in the order they were queued. */
final class CannedResponses {

    /** One injected answer: status, headers as name/value pairs, how many requests remain. */
    static final class CannedResponse {

        final int status;
        final List<String> headerNamesAndValues;
        private int remaining;

        CannedResponse(int times, int status, String... headerNamesAndValues) {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1, got " + times);
            }
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException(
                        "status must be an HTTP status code, got " + status);
            }
            if (headerNamesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException(
                        "headers come as name, value pairs; got an odd count: "
                                + headerNamesAndValues.length);
            }
            this.remaining = times;
            this.status = status;
            this.headerNamesAndValues = List.of(headerNamesAndValues);
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
