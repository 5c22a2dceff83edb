package dev.eddy.sse.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /streams/<name>}: {@code GET} subscribes ({@code text/event-stream}), {@code POST}
 * publishes when the endpoint is fed by pushes.
 */
final class StreamHandler extends Handler.Abstract.NonBlocking {

    static final String PREFIX = "/streams/";
    private static final Set<String> RESERVED_PARAMETERS =
            Set.of("last-event-id", "token", "since", "snapshot");
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StreamCatalog streams;
    private final PublishHandler publish;
    private final ReadAccess readAccess;
    private final ConnectionLimiter connectionLimiter;
    private final EndpointMetrics metrics;
    private final long retryMillis;
    private final int maxQueuedPerSubscriber;

    /**
     * @param publish null when the endpoint takes no publishes (it reads Kafka)
     */
    StreamHandler(
            StreamCatalog streams,
            PublishHandler publish,
            ReadAccess readAccess,
            ConnectionLimiter connectionLimiter,
            EndpointMetrics metrics,
            long retryMillis,
            int maxQueuedPerSubscriber) {
        this.streams = streams;
        this.publish = publish;
        this.readAccess = readAccess;
        this.connectionLimiter = connectionLimiter;
        this.metrics = metrics;
        this.retryMillis = retryMillis;
        this.maxQueuedPerSubscriber = maxQueuedPerSubscriber;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String name = Request.getPathInContext(request).substring(PREFIX.length());
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            return subscribe(request, response, callback, name);
        }
        if (publish == null) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, OPTIONS");
            return HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    "this endpoint serves its streams from Kafka and takes no publishes; use GET");
        }
        if (HttpMethod.POST.is(method)) {
            return publish.publish(request, response, callback, name);
        }
        return Methods.notAllowed(request, response, callback, "GET, POST, OPTIONS");
    }

    private boolean subscribe(Request request, Response response, Callback callback, String name) {
        if (!readAccess.check(request, response, callback)) {
            return true;
        }
        ServedStream stream = streams.get(name);
        if (stream == null) {
            return HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.NOT_FOUND_404,
                    "unknown stream '" + name + "'; known streams: " + streams.names());
        }
        StartRequest start;
        try {
            start = startRequest(request);
            stream.validate(start);
        } catch (IllegalArgumentException e) {
            return HttpAnswers.error(
                    request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
        }
        String address = Request.getRemoteAddr(request);
        ConnectionLimiter.Refusal refusal = connectionLimiter.tryAcquire(address);
        if (refusal != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            return HttpAnswers.error(request, response, callback, refusal.status, refusal.message);
        }
        List<ByteBuffer> preamble = new ArrayList<>();
        preamble.add(
                ByteBuffer.wrap(
                        ("retry: " + retryMillis + "\n: stream " + name + "\n\n")
                                .getBytes(StandardCharsets.UTF_8)));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no");
        Subscriber subscriber =
                new Subscriber(
                        response,
                        request.getConnectionMetaData().getConnection().getEndPoint(),
                        callback,
                        start.filters,
                        maxQueuedPerSubscriber,
                        metrics,
                        closed -> {
                            stream.unsubscribe(closed);
                            connectionLimiter.release(address);
                        });
        stream.subscribe(subscriber, start, preamble);
        return true;
    }

    private static StartRequest startRequest(Request request) {
        Fields query = Request.extractQueryParameters(request);
        String lastEventId = request.getHeaders().get(LAST_EVENT_ID);
        if (lastEventId == null) {
            lastEventId = query.getValue("last-event-id");
        }
        Instant since = null;
        String sinceText = query.getValue("since");
        if (sinceText != null && !sinceText.isEmpty()) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "since='"
                                + sinceText
                                + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
            }
        }
        String snapshot = query.getValue("snapshot");
        if (snapshot != null && !snapshot.isEmpty() && !snapshot.equals("latest")) {
            throw new IllegalArgumentException(
                    "snapshot='" + snapshot + "' is not supported; use snapshot=latest");
        }
        return new StartRequest(lastEventId, since, "latest".equals(snapshot), filters(query));
    }

    private static Map<String, List<String>> filters(Fields query) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (Fields.Field field : query) {
            if (!RESERVED_PARAMETERS.contains(field.getName())) {
                filters.put(field.getName(), List.copyOf(field.getValues()));
            }
        }
        return filters;
    }
}
