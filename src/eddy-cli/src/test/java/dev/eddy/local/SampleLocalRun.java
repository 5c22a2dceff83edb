package dev.eddy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.cluster.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code eddy local} over the bundled sample recording on free ports, one per test class, as the
 * end-to-end tests run it (1 s updates, 10 s activity windows), and what they ask its HTTP
 * services. Register it as a static {@code @RegisterExtension} field; it is up before
 * {@code @BeforeAll}.
 */
final class SampleLocalRun implements BeforeAllCallback, AfterAllCallback {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";

    private final ServeFrom serveFrom;
    private Path dataDir;
    private LocalRun run;

    private SampleLocalRun(ServeFrom serveFrom) {
        this.serveFrom = serveFrom;
    }

    static SampleLocalRun servingFrom(ServeFrom serveFrom) {
        return new SampleLocalRun(serveFrom);
    }

    LocalRun run() {
        return run;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("eddy-local");
        run =
                LocalRun.start(
                        new LocalSettings(
                                List.of(),
                                Path.of("../../samples/recentchange-wikidata-2018-03-07a.jsonl"),
                                2000,
                                LocalSettings.EMBEDDED_KAFKA,
                                Ports.free(HOST),
                                Ports.free(HOST),
                                serveFrom,
                                Ports.free(HOST),
                                dataDir.resolve("eddy"),
                                false,
                                1,
                                List.of("--update-interval", "1s", "--activity-window", "10s")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            FileUtils.deleteDirectory(dataDir.toFile());
        }
    }

    /** GET, expecting 200 and JSON. */
    static JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The names of the job's vertices (chained operators) as the Flink REST API lists them. */
    List<String> vertexNames() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        get(run.flinkUi().resolve("/jobs/" + run.jobId()))
                .path("vertices")
                .forEach(vertex -> names.add(vertex.path("name").asText()));
        return names;
    }
}
