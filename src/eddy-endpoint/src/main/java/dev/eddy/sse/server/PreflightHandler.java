package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Ends {@code OPTIONS} requests with 204 and an {@code Allow} header, after Jetty's {@code
 * CrossOriginHandler} added the CORS answer to a preflight.
 */
final class PreflightHandler extends Handler.Wrapper {

    private final String allowed;

    PreflightHandler(Handler next, String allowed) {
        super(next);
        this.allowed = allowed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.OPTIONS.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.setStatus(HttpStatus.NO_CONTENT_204);
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        response.write(true, null, callback);
        return true;
    }
}
