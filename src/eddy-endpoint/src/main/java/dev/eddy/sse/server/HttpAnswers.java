package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The endpoint's two kinds of plain answers: a JSON body, or an error through Jetty's error
 * handler.
 */
final class HttpAnswers {

    private HttpAnswers() {}

    static boolean json(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, body + "\n", callback);
        return true;
    }

    /** Answers {@code {"error": message}} via {@link JsonErrorHandler}, which also counts it. */
    static boolean error(
            Request request, Response response, Callback callback, int status, String message) {
        Response.writeError(request, response, callback, status, message);
        return true;
    }
}
