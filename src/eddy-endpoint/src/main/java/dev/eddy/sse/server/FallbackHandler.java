package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Every other path: the static resources (the dashboard) if any, else a 404 that lists the API. */
final class FallbackHandler extends Handler.Wrapper {

    /**
     * @param staticResources null for none
     */
    FallbackHandler(Handler staticResources) {
        super(staticResources);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (getHandler() != null && super.handle(request, response, callback)) {
            return true;
        }
        return HttpAnswers.error(
                request,
                response,
                callback,
                HttpStatus.NOT_FOUND_404,
                "no such resource: "
                        + Request.getPathInContext(request)
                        + " (try GET /streams, GET /streams/<name>, GET /healthz, GET /metrics)");
    }
}
