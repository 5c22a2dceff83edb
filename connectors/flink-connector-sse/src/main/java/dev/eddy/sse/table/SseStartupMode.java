package dev.eddy.sse.table;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Values of {@code scan.startup.mode}: where a fresh SQL job starts reading each stream. */
@PublicEvolving
public enum SseStartupMode implements DescribedEnum {
    LATEST("latest", "Only events sent from now on."),
    LAST_EVENT_ID(
            "last-event-id",
            "The events after 'scan.startup.last-event-id', sent as the Last-Event-ID header."),
    TIMESTAMP(
            "timestamp",
            "Events from 'scan.startup.timestamp-millis' on, asked for with ?since= (Wikimedia EventStreams).");

    private final String value;
    private final String description;

    SseStartupMode(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
