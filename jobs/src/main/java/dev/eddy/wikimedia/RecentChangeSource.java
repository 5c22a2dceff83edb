package dev.eddy.wikimedia;

import dev.eddy.sse.source.SseSource;
import dev.eddy.sse.source.SseSourceBuilder;
import dev.eddy.sse.source.SseStartPosition;
import dev.eddy.wikimedia.model.RecentChangeDeserializer;
import dev.eddy.wikimedia.model.WikiInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SSE source the job reads in production: recentchange events decoded into {@link WikiInput}s,
 * events the source rejects (oversized, undecodable) turned into dead letters, and repeats of a
 * recent {@code meta.id} dropped per stream.
 */
public final class RecentChangeSource {

    private RecentChangeSource() {}

    /**
     * @param streamUrls the streams, one split each
     * @param headers request headers, e.g. {@code User-Agent}
     * @param start where a fresh job starts; a restored one resumes from its checkpointed
     *     Last-Event-ID
     * @param dedupHorizon how many recent {@code meta.id}s per stream to remember; 0 turns
     *     de-duplication off
     * @param maxEventTimeAhead events whose time is further ahead of processing time become dead
     *     letters
     */
    public static SseSource<WikiInput> create(
            List<String> streamUrls,
            Map<String, String> headers,
            SseStartPosition start,
            int dedupHorizon,
            Duration maxEventTimeAhead) {
        SseSourceBuilder<WikiInput> builder =
                SseSource.<WikiInput>builder()
                        .setStreamUrls(streamUrls.toArray(new String[0]))
                        .setStartPosition(start)
                        .setDeserializer(new RecentChangeDeserializer(maxEventTimeAhead))
                        .setDeadLetterMapper(WikiInput::ofSourceDeadLetter);
        headers.forEach(builder::setHeader);
        if (dedupHorizon > 0) {
            builder.setEventKeyExtractor(WikiInput::eventIdOrNull, dedupHorizon);
        }
        return builder.build();
    }

    /**
     * The source the options describe ({@code --source}, {@code --header}, {@code --since}, ...).
     */
    public static SseSource<WikiInput> create(JobOptions options) {
        return create(
                options.sources(),
                options.headers(),
                options.startPosition(),
                options.dedupHorizon(),
                options.maxEventTimeAhead());
    }
}
