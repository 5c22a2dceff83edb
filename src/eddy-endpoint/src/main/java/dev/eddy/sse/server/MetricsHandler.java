package dev.eddy.sse.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics}: the Prometheus text format; behind the read token when there is one. */
final class MetricsHandler extends Handler.Abstract.NonBlocking {

    private final EndpointMetrics metrics;
    private final ReadAccess readAccess;

    MetricsHandler(EndpointMetrics metrics, ReadAccess readAccess) {
        this.metrics = metrics;
        this.readAccess = readAccess;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Methods.readOnly(request, response, callback)
                || !readAccess.check(request, response, callback)) {
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, EndpointMetrics.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(metrics.scrape()), callback);
        return true;
    }
}
