package dev.eddy.faults.testing;

import static org.awaitility.Awaitility.await;

import dev.eddy.cluster.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link EndpointMain} as a child JVM on the test class path: started, killed, restarted. */
public final class EndpointProcess implements AutoCloseable {

    private static final Pattern ENDPOINT = Pattern.compile("ENDPOINT (\\d+)");
    private static final Pattern CONTROL = Pattern.compile("CONTROL (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path directory;
    private final String publishToken;
    private int port;
    private int controlPort;
    private JavaProcess process;
    private int starts;

    private EndpointProcess(Path directory, String publishToken) {
        this.directory = directory;
        this.publishToken = publishToken;
    }

    /** Starts the endpoint on a free port, its state and output under {@code directory}. */
    public static EndpointProcess start(Path directory, String publishToken) throws IOException {
        EndpointProcess endpoint = new EndpointProcess(directory, publishToken);
        endpoint.startOn(0);
        return endpoint;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public JavaProcess process() {
        return process;
    }

    /** The endpoint JVM's heap in use right after full garbage collections. */
    public long heapAfterGc() throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + controlPort
                                                        + "/heap-after-gc"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(response.body().trim());
    }

    /** Kills the JVM ({@code kill -9}): no shutdown hook, nothing recorded on the way out. */
    public void kill() {
        process.kill();
    }

    /** Stops the JVM with {@code SIGTERM}: the endpoint closes cleanly. */
    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    /** Starts a new JVM on the same port with the same state directory. */
    public void restart() throws IOException {
        startOn(port);
    }

    private void startOn(int requestedPort) throws IOException {
        starts++;
        Path output = directory.resolve("endpoint-" + starts + ".out");
        process =
                JavaProcess.builder("endpoint", EndpointMain.class.getName())
                        .classPathEntry(System.getProperty("java.class.path"))
                        .jvmOption("-Xmx256m")
                        .jvmOption("-Djava.io.tmpdir=" + directory)
                        .environment("EDDY_PUBLISH_TOKEN", publishToken)
                        .arguments(
                                Integer.toString(requestedPort),
                                directory.resolve("state").toString())
                        .output(output)
                        .start();
        await().atMost(Duration.ofMinutes(2))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "the endpoint ended:\n" + process.outputTail(30));
                            }
                            String text = Files.exists(output) ? Files.readString(output) : "";
                            Matcher endpoint = ENDPOINT.matcher(text);
                            Matcher control = CONTROL.matcher(text);
                            if (endpoint.find() && control.find()) {
                                port = Integer.parseInt(endpoint.group(1));
                                controlPort = Integer.parseInt(control.group(1));
                                return true;
                            }
                            return false;
                        });
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
