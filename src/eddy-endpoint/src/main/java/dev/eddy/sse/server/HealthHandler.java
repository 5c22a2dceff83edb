package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /healthz}: 200 and the number of streams while the endpoint serves. */
final class HealthHandler extends Handler.Abstract.NonBlocking {

    private final StreamCatalog streams;

    HealthHandler(StreamCatalog streams) {
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        return !Methods.readOnly(request, response, callback)
                || HttpAnswers.json(
                        response,
                        callback,
                        HttpStatus.OK_200,
                        "{\"status\":\"ok\",\"streams\":" + streams.all().size() + "}");
    }
}
