package dev.eddy.dashboard;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the DevTools protocol: opens one page and evaluates
 * JavaScript in it. (Chromium's {@code --dump-dom} cannot be used: an open EventSource keeps
 * virtual time from ever running out.)
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path temporary;
    private final WebSocket devTools;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path temporary, URI pageDevTools) {
        this.process = process;
        this.temporary = temporary;
        this.devTools =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(pageDevTools, new Replies())
                        .join();
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium on {@code url} with a fresh profile under {@code workDir}. */
    static HeadlessChromium open(String url, Path workDir) throws Exception {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
        ProcessBuilder command =
                new ProcessBuilder(
                                List.of(
                                        BINARY.toString(),
                                        "--headless",
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync",
                                        "--user-data-dir=" + profile,
                                        "--remote-debugging-port=0",
                                        "--remote-allow-origins=*",
                                        url))
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("chromium.log").toFile());
        // Chromium leaves its singleton socket directory in TMPDIR; give it one we remove (short:
        // socket paths are limited).
        Path temporary = Files.createTempDirectory(Path.of("/tmp"), "eddy-chromium");
        command.environment().put("TMPDIR", temporary.toString());
        Process process = command.start();
        Path portFile = profile.resolve("DevToolsActivePort");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        return new HeadlessChromium(process, temporary, pageDevToolsUri(port));
    }

    /** The value of a JavaScript expression evaluated in the page, as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        int id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode command =
                json.createObjectNode().put("id", id).put("method", "Runtime.evaluate");
        command.putObject("params").put("expression", expression).put("returnByValue", true);
        devTools.sendText(json.writeValueAsString(command), true).join();
        JsonNode result = reply.get(30, TimeUnit.SECONDS);
        return result.path("result").path("result").path("value");
    }

    @Override
    public void close() throws InterruptedException, IOException {
        devTools.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(temporary)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static URI pageDevToolsUri(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest list =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build();
        String[] page = new String[1];
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            JsonNode targets =
                                    new ObjectMapper()
                                            .readTree(
                                                    http.send(
                                                                    list,
                                                                    HttpResponse.BodyHandlers
                                                                            .ofString())
                                                            .body());
                            for (JsonNode target : targets) {
                                if ("page".equals(target.path("type").asText())
                                        && target.has("webSocketDebuggerUrl")) {
                                    page[0] = target.get("webSocketDebuggerUrl").asText();
                                    return true;
                                }
                            }
                            return false;
                        });
        return URI.create(page[0]);
    }

    private final class Replies implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode reply = json.readTree(message.toString());
                    CompletableFuture<JsonNode> waiting =
                            pending.remove(reply.path("id").asInt(-1));
                    if (waiting != null) {
                        waiting.complete(reply);
                    }
                } catch (IOException e) {
                    pending.values().forEach(waiting -> waiting.completeExceptionally(e));
                }
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
