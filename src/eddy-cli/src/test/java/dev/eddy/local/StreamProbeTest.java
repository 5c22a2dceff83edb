package dev.eddy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StreamProbeTest {

    private static final byte[] EVENT =
            "id: 1\ndata: {\"meta\":{\"id\":\"x\"}}\n\n".getBytes(StandardCharsets.UTF_8);

    private final Map<String, String> requestHeaders = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/endless", this::endlessStream);
        server.createContext(
                "/html", exchange -> answer(exchange, 200, "text/html; charset=utf-8"));
        server.createContext("/missing", exchange -> answer(exchange, 404, "text/plain"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void acceptsANeverEndingStreamWithinSeconds() {
        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> StreamProbe.requireStream(url("/endless"), Map.of("User-Agent", "probe")));
    }

    @Test
    void asksWithTheJobsHeadersAndUserAgent() {
        StreamProbe.requireStream(
                url("/endless"),
                Map.of(
                        "User-Agent",
                        "eddy-test/1.0 (me@example.org)",
                        "Authorization",
                        "Bearer t"));

        assertThat(requestHeaders)
                .containsEntry("user-agent", "eddy-test/1.0 (me@example.org)")
                .containsEntry("authorization", "Bearer t")
                .containsEntry("accept", "text/event-stream");
    }

    @Test
    void refusesAnAnswerThatIsNotAnEventStream() {
        assertThatThrownBy(() -> StreamProbe.requireStream(url("/html"), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not an SSE stream (Content-Type text/html");
    }

    @Test
    void namesTheStatusWithTheUrlsCredentialsMasked() {
        assertThatThrownBy(
                        () ->
                                StreamProbe.requireStream(
                                        url("/missing?access_token=s3cret"), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered HTTP 404")
                .hasMessageContaining("access_token=redacted")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnreachableStreamGetsTheOfflineHintWithoutCredentials() throws IOException {
        String url = url("/endless?token=s3cret");
        server.stop(0);

        assertThatThrownBy(() -> StreamProbe.requireStream(url, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot reach ")
                .hasMessageEndingWith(StreamProbe.OFFLINE_HINT)
                .hasMessageNotContaining("s3cret");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void endlessStream(HttpExchange exchange) throws IOException {
        exchange.getRequestHeaders()
                .forEach((name, values) -> requestHeaders.put(name.toLowerCase(), values.get(0)));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            while (true) {
                body.write(EVENT);
                body.flush();
            }
        } catch (IOException clientWentAway) {
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
