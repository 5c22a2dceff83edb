package dev.eddy.sse.source.reader.deserializer;

import dev.eddy.sse.protocol.SseEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/** Emits every event as an {@link SseRecord}, data decoded as UTF-8 text. */
@PublicEvolving
public final class SseRecordDeserializer implements SseEventDeserializer<SseRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(SseEvent event, String streamUrl, Collector<SseRecord> out) {
        out.collect(new SseRecord(streamUrl, event.lastEventId(), event.type(), event.data()));
    }

    @Override
    public TypeInformation<SseRecord> getProducedType() {
        return TypeInformation.of(SseRecord.class);
    }
}
