package dev.eddy.sse.table;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Values of {@code scan.bad-rows}: what the source does with an event it cannot make a row of. */
@PublicEvolving
public enum BadRowHandling implements DescribedEnum {
    SKIP("skip", "Count the row in the 'badRows' metric, log the first of each kind, go on."),
    FAIL("fail", "Fail the job once, without restarts (a restart would read the same row again).");

    private final String value;
    private final String description;

    BadRowHandling(String value, String description) {
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
