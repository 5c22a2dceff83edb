package dev.eddy.local.sql;

import java.nio.file.Path;
import javax.annotation.Nullable;

/**
 * What {@code eddy sql} starts: the stream (a URL, or a recording replayed in-process), Kafka
 * (embedded or an existing cluster), the ports and the data directory.
 *
 * @param sourceUrl the stream {@code ${EDDY_SOURCE_URL}} names when not replaying
 * @param replayFile a recording to replay instead (JSON lines or raw SSE), or null
 * @param replayRate events per second of the replay (0: as fast as possible)
 * @param replayLoop whether the replay starts over at the end (with shifted ids and times)
 * @param kafka "embedded" or HOST:PORT of an existing cluster
 * @param kafkaPort the embedded broker's port (0: any free one)
 * @param httpPort the SSE endpoint's port (0: any free one)
 * @param uiPort the Flink Web UI and REST port (0: any free one)
 * @param slots task slots of the MiniCluster (each running query or INSERT job takes some)
 * @param dataDir where Kafka data, checkpoints and savepoints live
 */
public record SqlStackSettings(
        String sourceUrl,
        @Nullable Path replayFile,
        double replayRate,
        boolean replayLoop,
        String kafka,
        int kafkaPort,
        int httpPort,
        int uiPort,
        int slots,
        Path dataDir) {

    public static final String EMBEDDED_KAFKA = "embedded";

    public boolean embeddedKafka() {
        return EMBEDDED_KAFKA.equals(kafka);
    }
}
