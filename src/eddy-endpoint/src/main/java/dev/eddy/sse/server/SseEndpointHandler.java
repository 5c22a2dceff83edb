package dev.eddy.sse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the endpoint's HTTP API on Jetty's core (non-servlet) API: {@code /streams}, {@code
 * /streams/<name>} (subscribe and publish), {@code /healthz}, {@code /metrics}, CORS preflights;
 * anything else goes to the wrapped static-resource handler, if any.
 */
final class SseEndpointHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SseEndpointHandler.class);
    private static final String STREAMS_PREFIX = "/streams/";
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Set<String> RESERVED_PARAMETERS = Set.of("last-event-id", "token");
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StreamRegistry streams;
    private final EndpointMetrics metrics;
    private final ConnectionLimiter connectionLimiter;
    private final TokenMatcher publishToken;
    private final TokenMatcher readToken;
    private final SseEndpointServer.Settings settings;
    private final FanOut fanOut;
    private final ObjectMapper json =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    SseEndpointHandler(
            StreamRegistry streams,
            EndpointMetrics metrics,
            SseEndpointServer.Settings settings,
            FanOut fanOut,
            Handler staticResources) {
        super(staticResources);
        this.fanOut = fanOut;
        this.streams = streams;
        this.metrics = metrics;
        this.settings = settings;
        this.connectionLimiter = new ConnectionLimiter(settings.maxConnectionsPerAddress);
        this.publishToken = new TokenMatcher(settings.publishToken);
        this.readToken = settings.readToken == null ? null : new TokenMatcher(settings.readToken);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        addCorsHeaders(response);
        if (HttpMethod.OPTIONS.is(method)) {
            preflight(response, callback);
            return true;
        }
        if (path.equals("/healthz")) {
            return onlyGet(method, response, callback)
                    || respond(
                            response,
                            callback,
                            HttpStatus.OK_200,
                            "{\"status\":\"ok\",\"streams\":" + streams.all().size() + "}");
        }
        if (path.equals("/metrics")) {
            if (onlyGet(method, response, callback)) {
                return true;
            }
            response.getHeaders()
                    .put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            Content.Sink.write(response, true, metrics.toPrometheusText(streams.all()), callback);
            return true;
        }
        if (path.equals("/streams") || path.equals("/streams/")) {
            return onlyGet(method, response, callback) || listStreams(request, response, callback);
        }
        if (path.startsWith(STREAMS_PREFIX)) {
            String name = path.substring(STREAMS_PREFIX.length());
            if (HttpMethod.GET.is(method)) {
                return subscribe(request, response, callback, name);
            }
            if (HttpMethod.POST.is(method)) {
                return publish(request, response, callback, name);
            }
            return methodNotAllowed(response, callback, "GET, POST, OPTIONS");
        }
        if (getHandler() != null && getHandler().handle(request, response, callback)) {
            return true;
        }
        return error(
                response,
                callback,
                HttpStatus.NOT_FOUND_404,
                "no such resource: "
                        + path
                        + " (try GET /streams, GET /streams/<name>, GET /healthz, GET /metrics)");
    }

    private boolean listStreams(Request request, Response response, Callback callback) {
        if (!mayRead(request, response, callback)) {
            return true;
        }
        ArrayNode list = json.createArrayNode();
        for (EventStream stream : streams.all()) {
            list.addObject()
                    .put("name", stream.name())
                    .put("last_id", stream.lastId())
                    .put("subscribers", stream.subscriberCount());
        }
        return respond(response, callback, HttpStatus.OK_200, list.toString());
    }

    private boolean subscribe(Request request, Response response, Callback callback, String name) {
        if (!mayRead(request, response, callback)) {
            return true;
        }
        EventStream stream = streams.get(name);
        if (stream == null) {
            return error(
                    response,
                    callback,
                    HttpStatus.NOT_FOUND_404,
                    "unknown stream '" + name + "'; known streams: " + streams.names());
        }
        String address = Request.getRemoteAddr(request);
        if (!connectionLimiter.tryAcquire(address)) {
            metrics.rejectedConnections.increment();
            return error(
                    response,
                    callback,
                    HttpStatus.TOO_MANY_REQUESTS_429,
                    "too many subscriptions from "
                            + address
                            + " (limit "
                            + settings.maxConnectionsPerAddress
                            + ")");
        }
        Fields query = Request.extractQueryParameters(request);
        List<ByteBuffer> preamble = new ArrayList<>();
        preamble.add(
                ByteBuffer.wrap(
                        ("retry: " + settings.retryMillis + "\n: stream " + name + "\n\n")
                                .getBytes(StandardCharsets.UTF_8)));
        String lastEventIdText = request.getHeaders().get(LAST_EVENT_ID);
        if (lastEventIdText == null) {
            lastEventIdText = query.getValue("last-event-id");
        }
        Long lastEventId = null;
        if (lastEventIdText != null && !lastEventIdText.isEmpty()) {
            lastEventId = parseEventId(lastEventIdText);
            if (lastEventId == null) {
                preamble.add(
                        EventStream.comment(
                                "ignored Last-Event-ID: not a decimal event id of this endpoint; sending live records only"));
            }
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no");
        Subscriber subscriber =
                new Subscriber(
                        response,
                        request.getConnectionMetaData().getConnection().getEndPoint(),
                        callback,
                        filters(query),
                        settings.maxQueuedPerSubscriber,
                        metrics,
                        closed -> {
                            stream.unsubscribe(closed);
                            connectionLimiter.release(address);
                        });
        stream.subscribe(subscriber, lastEventId, preamble);
        return true;
    }

    private boolean publish(Request request, Response response, Callback callback, String name) {
        if (!publishToken.matches(bearerToken(request))) {
            metrics.unauthorizedRequests.increment();
            return error(
                    response,
                    callback,
                    HttpStatus.UNAUTHORIZED_401,
                    "missing or wrong publish token: send 'Authorization: Bearer <publish token>'");
        }
        if (!STREAM_NAME.matcher(name).matches()) {
            metrics.badRequests.increment();
            return error(
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    "bad stream name '" + name + "': use 1 to 100 of A-Z a-z 0-9 . _ -");
        }
        EventStream stream = streams.getOrCreate(name);
        if (stream == null) {
            return error(
                    response,
                    callback,
                    HttpStatus.NOT_FOUND_404,
                    "unknown stream '" + name + "'; this endpoint only accepts " + streams.names());
        }
        long length = request.getLength();
        if (length > settings.maxRequestBytes) {
            return tooLarge(response, callback);
        }
        Content.Source.asByteArrayAsync(request, settings.maxRequestBytes)
                .whenComplete(
                        (body, failure) -> {
                            if (failure != null) {
                                Throwable cause =
                                        failure instanceof CompletionException
                                                        && failure.getCause() != null
                                                ? failure.getCause()
                                                : failure;
                                // Jetty signals a body beyond the size limit with
                                // IllegalStateException.
                                if (cause instanceof IllegalStateException
                                        || Request.getContentBytesRead(request)
                                                > settings.maxRequestBytes) {
                                    tooLarge(response, callback);
                                } else {
                                    error(
                                            response,
                                            callback,
                                            HttpStatus.BAD_REQUEST_400,
                                            "could not read the request body: "
                                                    + cause.getMessage());
                                }
                                return;
                            }
                            publishBody(response, callback, stream, body);
                        });
        return true;
    }

    private void publishBody(
            Response response, Callback callback, EventStream stream, byte[] body) {
        List<EventStream.Pending> records;
        try {
            records = parseRecords(body);
        } catch (IOException | IllegalArgumentException e) {
            metrics.badRequests.increment();
            String reason =
                    e instanceof JsonProcessingException
                            ? "malformed JSON: "
                                    + ((JsonProcessingException) e).getOriginalMessage()
                            : e.getMessage();
            error(response, callback, HttpStatus.BAD_REQUEST_400, reason);
            return;
        }
        EventStream.PublishResult result = stream.publish(records);
        respond(
                response,
                callback,
                HttpStatus.ACCEPTED_202,
                "{\"accepted\":"
                        + result.accepted
                        + ",\"duplicates\":"
                        + result.duplicates
                        + ",\"last_id\":"
                        + result.lastId
                        + "}");
        if (result.accepted > 0) {
            fanOut.write(result.toWrite);
        }
    }

    private List<EventStream.Pending> parseRecords(byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(
                    "empty body: send a JSON object or an array of JSON objects");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        List<EventStream.Pending> records = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(
                        "every record must be a JSON object, got "
                                + node.getNodeType().name().toLowerCase());
            }
            records.add(
                    new EventStream.Pending(
                            json.writeValueAsBytes(node), topLevelFields((ObjectNode) node)));
        }
        return records;
    }

    private static Map<String, String> topLevelFields(ObjectNode record) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        return Map.copyOf(fields);
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

    private static Long parseEventId(String text) {
        if (text.length() > 19) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean mayRead(Request request, Response response, Callback callback) {
        if (readToken == null) {
            return true;
        }
        String token = bearerToken(request);
        if (token == null) {
            token = Request.extractQueryParameters(request).getValue("token");
        }
        if (readToken.matches(token)) {
            return true;
        }
        metrics.unauthorizedRequests.increment();
        error(
                response,
                callback,
                HttpStatus.UNAUTHORIZED_401,
                "missing or wrong read token: add ?token=<read token> or 'Authorization: Bearer <read token>'");
        return false;
    }

    private static String bearerToken(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private void addCorsHeaders(Response response) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, settings.allowedOrigin);
    }

    private static void preflight(Response response, Callback callback) {
        response.setStatus(HttpStatus.NO_CONTENT_204);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        response.getHeaders()
                .put(
                        HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Authorization, Content-Type, Last-Event-ID, Cache-Control");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
        response.write(true, null, callback);
    }

    private boolean onlyGet(String method, Response response, Callback callback) {
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            return false;
        }
        return methodNotAllowed(response, callback, "GET, OPTIONS");
    }

    private static boolean methodNotAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        return error(
                response,
                callback,
                HttpStatus.METHOD_NOT_ALLOWED_405,
                "method not allowed; use " + allowed);
    }

    private boolean tooLarge(Response response, Callback callback) {
        metrics.badRequests.increment();
        return error(
                response,
                callback,
                HttpStatus.PAYLOAD_TOO_LARGE_413,
                "request body larger than "
                        + settings.maxRequestBytes
                        + " bytes: send smaller batches");
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        LOG.debug("Answering {}: {}", status, message);
        return respond(
                response,
                callback,
                status,
                "{\"error\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(message))
                        + "\"}");
    }

    private static boolean respond(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, body + "\n", callback);
        return true;
    }
}
