package dev.eddy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.sse.source.metrics.SseSourceMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a running job's state and Eddy's source metrics from the Flink REST API (the same data the
 * Flink Web UI shows), for {@code eddy local}'s status line.
 */
public final class FlinkRestProbe {

    private static final Pattern EVENTS_METRIC = streamMetric(SseSourceMetrics.EVENTS);
    private static final Pattern LAST_EVENT_AGE_METRIC =
            streamMetric(SseSourceMetrics.LAST_EVENT_AGE_MS);
    private static final Pattern WINDOW_VERTEX =
            Pattern.compile(".*(edits-per-wiki|top-pages|activity).*");

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public FlinkRestProbe(URI base) {
        this.base = base;
    }

    /**
     * A snapshot of the job: its state, events read, aggregate updates written, age of the newest
     * event.
     */
    public record JobSnapshot(
            String state, long eventsIn, long aggregateUpdates, long lastEventAgeMillis) {}

    public JobSnapshot snapshot(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        long eventsIn = 0;
        long updates = 0;
        long lastEventAge = -1;
        for (JsonNode vertex : job.path("vertices")) {
            String name = vertex.path("name").asText();
            String vertexId = vertex.path("id").asText();
            if (name.contains("Source")) {
                List<String> events = new ArrayList<>();
                List<String> ages = new ArrayList<>();
                for (JsonNode metric :
                        get("/jobs/" + jobId + "/vertices/" + vertexId + "/subtasks/metrics")) {
                    String id = metric.path("id").asText();
                    if (EVENTS_METRIC.matcher(id).matches()) {
                        events.add(id);
                    } else if (LAST_EVENT_AGE_METRIC.matcher(id).matches()) {
                        ages.add(id);
                    }
                }
                eventsIn += aggregate(jobId, vertexId, events, "sum");
                if (!ages.isEmpty()) {
                    lastEventAge = aggregate(jobId, vertexId, ages, "min");
                }
            }
            if (WINDOW_VERTEX.matcher(name).matches()) {
                updates += vertex.path("metrics").path("write-records").asLong();
            }
        }
        return new JobSnapshot(job.path("state").asText(), eventsIn, updates, lastEventAge);
    }

    /**
     * The metrics aggregated over the vertex's subtasks ({@code sum}, {@code min}, ...), added up.
     */
    private long aggregate(String jobId, String vertexId, List<String> metricIds, String aggregate)
            throws IOException, InterruptedException {
        if (metricIds.isEmpty()) {
            return 0;
        }
        JsonNode values =
                get(
                        "/jobs/"
                                + jobId
                                + "/vertices/"
                                + vertexId
                                + "/subtasks/metrics?get="
                                + String.join(",", metricIds)
                                + "&agg="
                                + aggregate);
        long total = 0;
        for (JsonNode value : values) {
            total += (long) value.path(aggregate).asDouble();
        }
        return total;
    }

    /**
     * A per-stream metric of the SSE source, as the REST API names it: {@code
     * ….stream.<split>.<name>}.
     */
    private static Pattern streamMetric(String name) {
        return Pattern.compile(
                ".*\\."
                        + Pattern.quote(SseSourceMetrics.STREAM_GROUP)
                        + "\\.[^.]+\\."
                        + Pattern.quote(name));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve(path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Flink REST " + path + " answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }
}
