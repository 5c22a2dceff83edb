package dev.eddy.wikimedia.model;

import dev.eddy.sse.source.SseDeadLetter;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What the source emits: exactly one of a decoded {@link RecentChange} or a {@link
 * DeadLetterRecord} for an event that could not be used. A Flink POJO; the job splits dead letters
 * to their own stream right after the source.
 */
public class WikiInput {

    private @Nullable RecentChange change;
    private @Nullable DeadLetterRecord deadLetter;

    public WikiInput() {}

    public static WikiInput of(RecentChange change) {
        WikiInput input = new WikiInput();
        input.change = Objects.requireNonNull(change, "change");
        return input;
    }

    public static WikiInput of(DeadLetterRecord deadLetter) {
        WikiInput input = new WikiInput();
        input.deadLetter = Objects.requireNonNull(deadLetter, "deadLetter");
        return input;
    }

    /**
     * The source's dead-letter mapper: an event the SSE source rejected (oversized, deserializer
     * failure).
     */
    public static WikiInput ofSourceDeadLetter(SseDeadLetter deadLetter) {
        return of(DeadLetterRecord.of(deadLetter));
    }

    /** Null when this is a dead letter. */
    public @Nullable RecentChange getChange() {
        return change;
    }

    public void setChange(@Nullable RecentChange change) {
        this.change = change;
    }

    /** Null when this is a recent change. */
    public @Nullable DeadLetterRecord getDeadLetter() {
        return deadLetter;
    }

    public void setDeadLetter(@Nullable DeadLetterRecord deadLetter) {
        this.deadLetter = deadLetter;
    }

    /**
     * The change's {@code meta.id}, the key the source de-duplicates on; null for a dead letter
     * (never dropped).
     */
    public @Nullable String eventIdOrNull() {
        return change == null ? null : change.getEventId();
    }

    public boolean holdsDeadLetter() {
        return deadLetter != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WikiInput)) {
            return false;
        }
        WikiInput other = (WikiInput) o;
        return Objects.equals(change, other.change) && Objects.equals(deadLetter, other.deadLetter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(change, deadLetter);
    }

    @Override
    public String toString() {
        return deadLetter != null ? "WikiInput{" + deadLetter + '}' : "WikiInput{" + change + '}';
    }
}
