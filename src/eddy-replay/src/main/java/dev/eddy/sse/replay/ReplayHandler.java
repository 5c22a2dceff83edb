package dev.eddy.sse.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every GET, at any path, with the replayed event stream (or with the next injected answer,
 * if one is queued). Each stream blocks the Jetty thread that handles it.
 */
final class ReplayHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayHandler.class);

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    private final RecordingIndex recording;
    private final List<byte[]> firstPassEvents;
    private final ReplaySettings settings;
    private final ReplayStatistics statistics;
    private final CannedResponses cannedResponses;
    private final CountDownLatch stopping;

    ReplayHandler(
            RecordingIndex recording,
            List<byte[]> firstPassEvents,
            ReplaySettings settings,
            ReplayStatistics statistics,
            CannedResponses cannedResponses,
            CountDownLatch stopping) {
        this.recording = recording;
        this.firstPassEvents = firstPassEvents;
        this.settings = settings;
        this.statistics = statistics;
        this.cannedResponses = cannedResponses;
        this.stopping = stopping;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String lastEventId = request.getHeaders().get("Last-Event-ID");
        statistics.requestReceived(lastEventId);

        CannedResponses.CannedResponse canned = cannedResponses.take();
        if (canned != null) {
            answerCanned(canned, response, callback);
            return true;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    "The replay server serves its stream to GET requests only");
            return true;
        }
        List<String> notices = new ArrayList<>();
        StreamPosition start;
        try {
            start =
                    startPosition(
                            lastEventId,
                            Request.extractQueryParameters(request).getValue("since"),
                            notices);
        } catch (IllegalArgumentException e) {
            Response.writeError(
                    request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
            return true;
        }
        stream(request, response, callback, start, notices);
        return true;
    }

    private StreamPosition startPosition(String lastEventId, String since, List<String> notices) {
        if (lastEventId != null && !lastEventId.isEmpty()) {
            StreamPosition after = recording.after(lastEventId);
            if (after != null) {
                return new StreamPosition(
                        after.pass(), Math.max(0, after.index() - settings.repeatOnResume()));
            }
            notices.add(
                    "Last-Event-ID "
                            + lastEventId.replaceAll("[\r\n]", " ")
                            + " is not in this recording; "
                            + (since != null
                                    ? "starting at since=" + since
                                    : "replaying from the start"));
        }
        if (since != null) {
            return recording.since(EventTimes.parseSince(since));
        }
        return StreamPosition.START;
    }

    private void stream(
            Request request,
            Response response,
            Callback callback,
            StreamPosition start,
            List<String> notices) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EVENT_STREAM);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        // A stalled or slowly paced stream is idle on purpose: keep it open.
        request.addIdleTimeoutListener(timeout -> false);
        ReplayStream stream =
                new ReplayStream(recording, firstPassEvents, settings, statistics, stopping);
        statistics.streamOpened();
        try {
            OutputStream out =
                    new BufferedOutputStream(
                            Content.Sink.asOutputStream(response), OUTPUT_BUFFER_BYTES);
            ReplayStream.Ending ending =
                    stream.run(
                            out,
                            start,
                            notices,
                            request.getConnectionMetaData().getConnection().getEndPoint());
            switch (ending) {
                case COMPLETE:
                    out.close();
                    callback.succeeded();
                    break;
                case ABORT:
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.failed(new EofException("connection dropped by dropEvery"));
                    break;
                default:
                    callback.failed(new EofException("client gone or server stopping"));
            }
        } catch (IOException e) {
            LOG.debug(
                    "Stream to {} ended: {}",
                    request.getConnectionMetaData().getRemoteSocketAddress(),
                    e.toString());
            callback.failed(e);
        } finally {
            statistics.streamClosed();
        }
    }

    private static void answerCanned(
            CannedResponses.CannedResponse canned, Response response, Callback callback) {
        response.setStatus(canned.status);
        List<String> headers = canned.headerNamesAndValues;
        for (int i = 0; i < headers.size(); i += 2) {
            response.getHeaders().add(headers.get(i), headers.get(i + 1));
        }
        if (canned.status == HttpStatus.NO_CONTENT_204
                || canned.status == HttpStatus.NOT_MODIFIED_304) {
            callback.succeeded();
            return;
        }
        if (!response.getHeaders().contains(HttpHeader.CONTENT_TYPE)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        String body = "Injected by the replay server: HTTP " + canned.status + "\n";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
