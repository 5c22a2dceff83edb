package dev.eddy.sse.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Who may read (streams, the stream list, metrics): everyone, or only requests bearing the read
 * token as {@code ?token=} or {@code Authorization: Bearer}.
 */
final class ReadAccess {

    private final TokenMatcher readToken;

    /**
     * @param readToken null for open reads
     */
    ReadAccess(String readToken) {
        this.readToken = readToken == null ? null : new TokenMatcher(readToken);
    }

    /** True if the request may read; otherwise answers 401 and returns false. */
    boolean check(Request request, Response response, Callback callback) {
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
        HttpAnswers.error(
                request,
                response,
                callback,
                HttpStatus.UNAUTHORIZED_401,
                "missing or wrong read token: add ?token=<read token> or 'Authorization: Bearer <read token>'");
        return false;
    }

    static String bearerToken(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
