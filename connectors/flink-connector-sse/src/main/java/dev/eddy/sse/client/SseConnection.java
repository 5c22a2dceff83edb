package dev.eddy.sse.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.flink.annotation.Internal;

/** One open HTTP response of an event stream, checked to be one, read chunk by chunk. */
@Internal
final class SseConnection implements Closeable {

    private final Call call;
    private final Response response;
    private final InputStream body;

    private SseConnection(Call call, Response response) {
        this.call = call;
        this.response = response;
        this.body = response.body().byteStream();
    }

    /** The request for the stream, not yet sent: the caller may watch or cancel it. */
    static Call newCall(
            OkHttpClient client,
            HttpUrl url,
            Map<String, String> headers,
            @Nullable String lastEventId,
            @Nullable Instant since) {
        HttpUrl target =
                since == null
                        ? url
                        : url.newBuilder().setQueryParameter("since", since.toString()).build();
        Headers.Builder sent =
                new Headers.Builder()
                        .set("Accept", "text/event-stream")
                        .set("Cache-Control", "no-cache");
        headers.forEach(sent::set);
        if (lastEventId != null && !lastEventId.isEmpty()) {
            // As browsers do: the id verbatim, as UTF-8 bytes (okhttp refuses non-ASCII otherwise).
            sent.addUnsafeNonAscii("Last-Event-ID", lastEventId);
        }
        return client.newCall(new Request.Builder().url(target).headers(sent.build()).build());
    }

    /**
     * Sends the request and checks the answer.
     *
     * @throws SseStreamException if the server answered with anything but a 200 event stream
     * @throws IOException if the connection failed
     */
    static SseConnection open(Call call, String shownUrl) throws IOException {
        Response response = call.execute();
        try {
            check(response, shownUrl);
        } catch (IOException e) {
            response.close();
            throw e;
        }
        return new SseConnection(call, response);
    }

    /** Reads the next chunk; -1 when the server ended the stream. */
    int read(byte[] buffer) throws IOException {
        return body.read(buffer, 0, buffer.length);
    }

    /** Aborts a read in progress from another thread. */
    void cancel() {
        call.cancel();
    }

    @Override
    public void close() {
        call.cancel();
        response.close();
    }

    private static void check(Response response, String shownUrl) throws SseStreamException {
        int code = response.code();
        String status =
                "HTTP " + code + (response.message().isEmpty() ? "" : " " + response.message());
        if (code == 200) {
            String type = response.header("Content-Type", "");
            if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                throw new SseStreamException(
                        "SSE stream "
                                + shownUrl
                                + " answered with Content-Type '"
                                + type
                                + "' instead of text/event-stream: not retrying; is this the stream URL?",
                        false,
                        -1);
            }
            return;
        }
        if (code == 408 || code == 425 || code == 429 || code >= 500) {
            throw new SseStreamException(
                    "SSE stream " + shownUrl + " answered " + status + "; will retry",
                    true,
                    ReconnectBackoff.retryAfterMillis(response.header("Retry-After")),
                    code);
        }
        String hint;
        if (code == 204) {
            hint = "the server asked clients to stop reconnecting";
        } else if (code == 401 || code == 403) {
            hint = "check the credentials (Authorization header) for this stream";
        } else if (code == 404 || code == 410) {
            hint = "check the stream URL";
        } else {
            hint = "the request was refused";
        }
        throw new SseStreamException(
                "SSE stream " + shownUrl + " answered " + status + ": not retrying; " + hint,
                false,
                -1,
                code);
    }
}
