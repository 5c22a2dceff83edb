package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers 405 with an {@code Allow} header to methods a resource does not take. */
final class Methods {

    private Methods() {}

    /** True if the request is a GET or HEAD; otherwise answers 405 and returns false. */
    static boolean readOnly(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            return true;
        }
        notAllowed(request, response, callback, "GET, HEAD, OPTIONS");
        return false;
    }

    static boolean notAllowed(
            Request request, Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        return HttpAnswers.error(
                request,
                response,
                callback,
                HttpStatus.METHOD_NOT_ALLOWED_405,
                "method not allowed; use " + allowed);
    }
}
