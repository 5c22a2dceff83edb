package dev.eddy.sse.client;

import java.io.IOException;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.apache.flink.annotation.Internal;

/**
 * Sees every request of a stream, redirects included, and refuses the redirects that would leak:
 * from https to http always, and to another origin when the stream is requested with credential
 * headers (okhttp drops only {@code Authorization} there, not e.g. an API-key header).
 */
@Internal
final class RedirectGuard implements Interceptor {

    private final HttpUrl streamUrl;
    private final String shownUrl;
    private final boolean sendsCredentials;

    RedirectGuard(HttpUrl streamUrl, String shownUrl, boolean sendsCredentials) {
        this.streamUrl = streamUrl;
        this.shownUrl = shownUrl;
        this.sendsCredentials = sendsCredentials;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        HttpUrl target = chain.request().url();
        String refusal = refusal(streamUrl, target, sendsCredentials);
        if (refusal != null) {
            throw new SseStreamException(
                    "SSE stream "
                            + shownUrl
                            + " redirected to "
                            + StreamUrls.redact(target.toString())
                            + ": not following, "
                            + refusal,
                    false,
                    -1);
        }
        return chain.proceed(chain.request());
    }

    /** Why a request to {@code to}, made for a stream at {@code from}, must not go out; or null. */
    static @Nullable String refusal(HttpUrl from, HttpUrl to, boolean sendsCredentials) {
        if (from.isHttps() && !to.isHttps()) {
            return "it would go from https to plain http";
        }
        boolean sameOrigin =
                from.scheme().equals(to.scheme())
                        && from.host().equals(to.host())
                        && from.port() == to.port();
        if (sendsCredentials && !sameOrigin) {
            return "the request carries custom headers (credentials) that must not go to another"
                    + " origin; configure the URL it redirects to instead";
        }
        return null;
    }
}
