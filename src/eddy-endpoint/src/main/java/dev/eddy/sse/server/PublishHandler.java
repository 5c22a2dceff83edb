package dev.eddy.sse.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /streams/<name>} in push mode: a JSON object or an array of them, authorized by the
 * publish token. The body size is limited by the {@code SizeLimitHandler} in front of it.
 */
final class PublishHandler {

    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final PushStreams streams;
    private final TokenMatcher publishToken;
    private final FanOut fanOut;
    private final int maxRequestBytes;
    private final ObjectMapper json =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    PublishHandler(PushStreams streams, String publishToken, FanOut fanOut, int maxRequestBytes) {
        this.streams = streams;
        this.publishToken = new TokenMatcher(publishToken);
        this.fanOut = fanOut;
        this.maxRequestBytes = maxRequestBytes;
    }

    boolean publish(Request request, Response response, Callback callback, String name) {
        if (!publishToken.matches(ReadAccess.bearerToken(request))) {
            return HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.UNAUTHORIZED_401,
                    "missing or wrong publish token: send 'Authorization: Bearer <publish token>'");
        }
        if (!STREAM_NAME.matcher(name).matches()) {
            return HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    "bad stream name '" + name + "': use 1 to 100 of A-Z a-z 0-9 . _ -");
        }
        PushStream stream = streams.getOrCreate(name);
        if (stream == null) {
            return HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.NOT_FOUND_404,
                    "unknown stream '" + name + "'; this endpoint only accepts " + streams.names());
        }
        Content.Source.asByteBufferAsync(request)
                .whenComplete(
                        (body, failure) -> {
                            if (failure == null) {
                                byte[] bytes = new byte[body.remaining()];
                                body.get(bytes);
                                publishBody(request, response, callback, stream, bytes);
                            } else {
                                bodyFailed(request, response, callback, failure);
                            }
                        });
        return true;
    }

    private void bodyFailed(
            Request request, Response response, Callback callback, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof HttpException
                && ((HttpException) cause).getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
            HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "request body larger than " + maxRequestBytes + " bytes: send smaller batches");
        } else {
            HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    "could not read the request body: " + cause.getMessage());
        }
    }

    private void publishBody(
            Request request, Response response, Callback callback, PushStream stream, byte[] body) {
        List<PushStream.Pending> records;
        try {
            records = parseRecords(body);
        } catch (IOException | IllegalArgumentException e) {
            String reason =
                    e instanceof JsonProcessingException
                            ? "malformed JSON: "
                                    + ((JsonProcessingException) e).getOriginalMessage()
                            : e.getMessage();
            HttpAnswers.error(request, response, callback, HttpStatus.BAD_REQUEST_400, reason);
            return;
        }
        PushStream.PublishResult result = stream.publish(records);
        if (result.accepted > 0) {
            fanOut.write(result.toWrite);
        }
        if (result.failure != null) {
            HttpAnswers.error(
                    request,
                    response,
                    callback,
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    "published "
                            + result.accepted
                            + " of "
                            + records.size()
                            + " records, then could not record event ids ("
                            + result.failure
                            + "); send the batch again later");
            return;
        }
        HttpAnswers.json(
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
    }

    private List<PushStream.Pending> parseRecords(byte[] body) throws IOException {
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
        List<PushStream.Pending> records = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(
                        "every record must be a JSON object, got "
                                + node.getNodeType().name().toLowerCase());
            }
            records.add(
                    new PushStream.Pending(
                            json.writeValueAsBytes(node),
                            RecordFields.topLevel((ObjectNode) node)));
        }
        return records;
    }
}
