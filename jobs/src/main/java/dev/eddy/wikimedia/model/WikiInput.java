package dev.eddy.wikimedia.model;

import dev.eddy.sse.source.SseDeadLetter;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the source emits: exactly one of a decoded {@link RecentChange} or a {@link
 * DeadLetterRecord} for an event that could not be used; the job splits dead letters to their own
 * stream right after the source. Immutable (neither part is changed once decoded), so Flink hands
 * it to the chained operator after the source without copying it.
 */
@TypeInfo(WikiInput.Factory.class)
public final class WikiInput {

    private final @Nullable RecentChange change;
    private final @Nullable DeadLetterRecord deadLetter;

    private WikiInput(@Nullable RecentChange change, @Nullable DeadLetterRecord deadLetter) {
        this.change = change;
        this.deadLetter = deadLetter;
    }

    public static WikiInput of(RecentChange change) {
        return new WikiInput(Objects.requireNonNull(change, "change"), null);
    }

    public static WikiInput of(DeadLetterRecord deadLetter) {
        return new WikiInput(null, Objects.requireNonNull(deadLetter, "deadLetter"));
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

    /** Null when this is a recent change. */
    public @Nullable DeadLetterRecord getDeadLetter() {
        return deadLetter;
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

    /** The serializer: a flag, then the change or the dead letter as Flink POJOs. */
    public static final class Serializer extends ImmutableValueSerializer<WikiInput> {

        private static final long serialVersionUID = 1L;

        static final Serializer INSTANCE = new Serializer();

        private final TypeSerializer<RecentChange> changes = pojoSerializer(RecentChange.class);
        private final TypeSerializer<DeadLetterRecord> deadLetters =
                pojoSerializer(DeadLetterRecord.class);

        private static <T> TypeSerializer<T> pojoSerializer(Class<T> type) {
            return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        }

        @Override
        public WikiInput createInstance() {
            return of(new RecentChange());
        }

        @Override
        public void serialize(WikiInput input, DataOutputView target) throws IOException {
            target.writeBoolean(input.change != null);
            if (input.change != null) {
                changes.serialize(input.change, target);
            } else {
                deadLetters.serialize(input.deadLetter, target);
            }
        }

        @Override
        public WikiInput deserialize(DataInputView source) throws IOException {
            return source.readBoolean()
                    ? of(changes.deserialize(source))
                    : of(deadLetters.deserialize(source));
        }

        @Override
        public TypeSerializerSnapshot<WikiInput> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WikiInput> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }

    /** Makes Flink use {@link Serializer} wherever a {@code WikiInput} goes. */
    public static final class Factory extends TypeInfoFactory<WikiInput> {
        @Override
        public TypeInformation<WikiInput> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new ImmutableValueTypeInfo<>(WikiInput.class, Serializer.INSTANCE);
        }
    }
}
