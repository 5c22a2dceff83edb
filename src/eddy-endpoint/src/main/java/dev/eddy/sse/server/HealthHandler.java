package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz}: 200 and the number of streams once every stream serves, 503 while some are
 * still starting (a Kafka-mode replica reading back its topics), so a load balancer's readiness
 * check waits for it.
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {

    private final StreamCatalog streams;

    HealthHandler(StreamCatalog streams) {
        this.streams = streams;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Methods.readOnly(request, response, callback)) {
            return true;
        }
        long starting = streams.all().stream().filter(stream -> !stream.ready()).count();
        return HttpAnswers.json(
                response,
                callback,
                starting == 0 ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                "{\"status\":\""
                        + (starting == 0 ? "ok" : "starting")
                        + "\",\"streams\":"
                        + streams.all().size()
                        + ",\"starting\":"
                        + starting
                        + "}");
    }
}
