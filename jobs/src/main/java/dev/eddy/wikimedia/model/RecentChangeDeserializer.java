package dev.eddy.wikimedia.model;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.reader.deserializer.SseEventDeserializer;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Turns each SSE event of a recentchange stream into a {@link WikiInput}: the decoded change, or a
 * dead letter saying why it could not be decoded. Canary events produce nothing. Never throws, so a
 * bad event never reaches the source's failure path.
 */
public class RecentChangeDeserializer implements SseEventDeserializer<WikiInput> {

    private static final long serialVersionUID = 1L;

    private final RecentChangeDecoder decoder = new RecentChangeDecoder();

    @Override
    public void deserialize(SseEvent event, String streamUrl, Collector<WikiInput> out) {
        RecentChange change;
        try {
            change = decoder.decode(event.dataUtf8());
        } catch (MalformedEventException e) {
            out.collect(
                    WikiInput.of(
                            new DeadLetterRecord(
                                    e.getMessage(),
                                    event.data(),
                                    streamUrl,
                                    event.lastEventId(),
                                    System.currentTimeMillis())));
            return;
        }
        if (!change.canary()) {
            out.collect(WikiInput.of(change));
        }
    }

    @Override
    public TypeInformation<WikiInput> getProducedType() {
        return TypeInformation.of(WikiInput.class);
    }
}
