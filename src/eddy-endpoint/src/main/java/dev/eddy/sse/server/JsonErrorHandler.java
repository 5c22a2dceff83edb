package dev.eddy.sse.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every error of the endpoint, its own and Jetty's (a bad URI, a body over the size limit),
 * as {@code {"error":"<message>"}} and counts it in the metrics by kind.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final EndpointMetrics metrics;

    JsonErrorHandler(EndpointMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            String message,
            Throwable cause,
            Callback callback) {
        count(code);
        String text = message == null ? HttpStatus.getMessage(code) : message;
        LOG.debug("Answering {} to {}: {}", code, request.getHttpURI().getPath(), text);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(
                response,
                true,
                "{\"error\":\""
                        + new String(JsonStringEncoder.getInstance().quoteAsString(text))
                        + "\"}\n",
                callback);
    }

    private void count(int code) {
        switch (code) {
            case HttpStatus.UNAUTHORIZED_401:
                metrics.unauthorizedRequests.inc();
                break;
            case HttpStatus.TOO_MANY_REQUESTS_429:
            case HttpStatus.SERVICE_UNAVAILABLE_503:
                metrics.rejectedConnections.inc();
                break;
            case HttpStatus.NOT_FOUND_404:
                break;
            default:
                if (HttpStatus.isClientError(code)) {
                    metrics.badRequests.inc();
                }
        }
    }
}
