package dev.eddy.sse.client;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.apache.flink.annotation.Internal;

/** Parses stream URLs and renders them for logs and errors with credentials masked. */
@Internal
public final class StreamUrls {

    private static final Pattern SECRET_PARAM =
            Pattern.compile(".*(token|key|secret|password|passwd|auth|signature|sig).*");

    private StreamUrls() {}

    /** Parses an http(s) URL or fails with a message naming it. */
    public static HttpUrl parse(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: '" + redact(url) + "'");
        }
        return parsed;
    }

    /** The URL with user info and the values of credential-like query parameters replaced. */
    public static String redact(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return url.replaceAll("//[^/@]*@", "//<redacted>@").replaceAll("\\?.*", "?<redacted>");
        }
        HttpUrl.Builder safe = parsed.newBuilder();
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            safe.username("redacted").password("");
        }
        for (String name : parsed.queryParameterNames()) {
            if (SECRET_PARAM.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                safe.setQueryParameter(name, "redacted");
            }
        }
        return safe.build().toString();
    }
}
