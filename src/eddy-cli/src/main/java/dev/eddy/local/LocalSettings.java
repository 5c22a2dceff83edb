package dev.eddy.local;

import java.nio.file.Path;
import java.util.List;
import javax.annotation.Nullable;

/**
 * What {@code eddy local} runs: the stream (a URL, or a recording replayed in-process), Kafka
 * (embedded or an existing cluster), the ports, where the endpoint serves from, the data directory,
 * and extra job options.
 *
 * @param sourceUrls the streams to read when not replaying
 * @param replayFile a recording to replay instead (JSON lines or raw SSE), or null
 * @param replayRate events per second of the replay (0: as fast as possible)
 * @param kafka "embedded" or HOST:PORT of an existing cluster
 * @param kafkaPort the embedded broker's port
 * @param httpPort the SSE endpoint and dashboard port
 * @param serveFrom whether the endpoint is fed by the job's push sinks or reads its Kafka topics
 * @param uiPort the Flink Web UI and REST port
 * @param dataDir where Kafka data, checkpoints and endpoint state live
 * @param resume resume from the newest checkpoint of the previous run instead of starting clean
 * @param parallelism job parallelism
 * @param jobArgs further options for the job (window sizes etc.)
 */
public record LocalSettings(
        List<String> sourceUrls,
        @Nullable Path replayFile,
        double replayRate,
        String kafka,
        int kafkaPort,
        int httpPort,
        ServeFrom serveFrom,
        int uiPort,
        Path dataDir,
        boolean resume,
        int parallelism,
        List<String> jobArgs) {

    public static final String EMBEDDED_KAFKA = "embedded";

    public boolean embeddedKafka() {
        return EMBEDDED_KAFKA.equals(kafka);
    }
}
