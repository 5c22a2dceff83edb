package dev.eddy.sse.replay;

import dev.eddy.sse.protocol.SseEventWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;

/**
 * Writes one connection's event stream: from a start position through the recording (and its loop
 * passes), paced or not, with the configured drop and stall faults. Events go into a buffered
 * stream that is flushed per batch: before waiting for the next paced event, before a fault, and at
 * the end.
 */
final class ReplayStream {

    /** How often a stalled stream checks whether its client has gone. */
    private static final long CLIENT_CLOSE_POLL_MILLIS = 50;

    /** How a stream ended. */
    enum Ending {
        /** The recording is over: end the response normally. */
        COMPLETE,
        /** Drop the connection abruptly (fault injection). */
        ABORT,
        /** The client went away or the server is stopping. */
        GONE
    }

    private final RecordingIndex recording;
    private final List<byte[]> firstPassEvents;
    private final ReplaySettings settings;
    private final ReplayStatistics statistics;
    private final CountDownLatch stopping;

    /** Events written since the last flush: counted as sent once flushed (or given up). */
    private long unflushedEvents;

    ReplayStream(
            RecordingIndex recording,
            List<byte[]> firstPassEvents,
            ReplaySettings settings,
            ReplayStatistics statistics,
            CountDownLatch stopping) {
        this.recording = recording;
        this.firstPassEvents = firstPassEvents;
        this.settings = settings;
        this.statistics = statistics;
        this.stopping = stopping;
    }

    /**
     * Streams from {@code start} after the preamble (retry hint, notices) and says how it ended.
     * The connection's end point is only used to notice a client closing a stalled stream.
     */
    Ending run(OutputStream out, StreamPosition start, List<String> notices, EndPoint endPoint)
            throws IOException {
        writePreamble(out, notices);
        out.flush();

        long pass = start.pass();
        int index = start.index();
        long sent = 0;
        long startNanos = System.nanoTime();
        double nanosPerEvent = 1e9 / settings.eventsPerSecond();
        try {
            while (stopping.getCount() > 0) {
                if (index >= recording.size()) {
                    if (!settings.loop() || recording.size() == 0) {
                        flush(out);
                        return settings.holdOpenAtEnd()
                                ? waitForClientToClose(endPoint)
                                : Ending.COMPLETE;
                    }
                    pass++;
                    index = 0;
                }
                if (sent == settings.stallAfter()) {
                    flush(out);
                    return waitForClientToClose(endPoint);
                }
                if (settings.paced()) {
                    long waitNanos = startNanos + (long) (sent * nanosPerEvent) - System.nanoTime();
                    if (waitNanos > 0) {
                        flush(out);
                        if (stopping.await(waitNanos, TimeUnit.NANOSECONDS)) {
                            return Ending.GONE;
                        }
                    }
                }
                out.write(encoded(index, pass));
                index++;
                sent++;
                unflushedEvents++;
                if (sent == settings.dropEvery()) {
                    flush(out);
                    return Ending.ABORT;
                }
            }
            return Ending.GONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.GONE;
        } finally {
            statistics.eventsSent(unflushedEvents);
        }
    }

    private void flush(OutputStream out) throws IOException {
        out.flush();
        statistics.eventsSent(unflushedEvents);
        unflushedEvents = 0;
    }

    private void writePreamble(OutputStream out, List<String> notices) throws IOException {
        StringBuilder preamble = new StringBuilder();
        if (settings.retryMillis() >= 0) {
            SseEventWriter.appendRetry(preamble, settings.retryMillis());
        }
        for (String notice : notices) {
            SseEventWriter.appendComment(preamble, notice);
        }
        if (preamble.length() > 0) {
            out.write(preamble.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] encoded(int index, long pass) {
        return pass == 0 ? firstPassEvents.get(index) : encode(recording.eventInPass(index, pass));
    }

    static byte[] encode(ReplayEvent event) {
        StringBuilder text = new StringBuilder(event.data().length() + event.id().length() + 32);
        SseEventWriter.appendEvent(
                text, event.id().isEmpty() ? null : event.id(), event.type(), event.data());
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends nothing until the client closes the connection (or the server stops). Jetty does not
     * read from a connection while a request without content is being handled, so the stream reads
     * the end point itself to see the client's end of stream.
     */
    private Ending waitForClientToClose(EndPoint endPoint) throws InterruptedException {
        ByteBuffer discard = ByteBuffer.allocate(256);
        while (!stopping.await(CLIENT_CLOSE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            // Jetty buffers are empty when position == limit: fill() appends after the limit.
            discard.clear().limit(0);
            try {
                if (endPoint.fill(discard) < 0) {
                    return Ending.GONE;
                }
            } catch (IOException e) {
                return Ending.GONE;
            }
        }
        return Ending.GONE;
    }
}
