package dev.eddy.wikimedia.model;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the aggregates count of one {@link RecentChange}: its wiki, type, page title, user, whether
 * a bot made it, and its size change. Immutable, so the source task's chained operators hand it on
 * by reference (the aggregates' shuffles carry their panes' partial aggregates instead); when it is
 * serialized (chaining off), its serializer writes a flat binary form, encoded once per event.
 */
@TypeInfo(ChangeFacts.Factory.class)
public final class ChangeFacts {

    /** The types of recentchange events, in the order of their codes in the binary form. */
    private static final List<String> KNOWN_TYPES =
            List.of("edit", "new", "log", "categorize", "external");

    private static final int OTHER_TYPE = KNOWN_TYPES.size();
    private static final int BOT_FLAG = 0x80;

    private final String wiki;
    private final String type;
    private final String title;
    private final String user;
    private final boolean bot;
    private final long sizeChange;

    /** The binary form, made the first time the value is serialized. */
    private byte[] encoded;

    public ChangeFacts(
            String wiki, String type, String title, String user, boolean bot, long sizeChange) {
        this.wiki = Objects.requireNonNull(wiki, "wiki");
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.user = Objects.requireNonNull(user, "user");
        this.bot = bot;
        this.sizeChange = sizeChange;
    }

    public static ChangeFacts of(RecentChange change) {
        return new ChangeFacts(
                change.getWiki(),
                change.getType(),
                change.getTitle(),
                change.getUser(),
                change.isBot(),
                change.sizeChange());
    }

    /** The wiki's database name, e.g. {@code enwiki}. */
    public String getWiki() {
        return wiki;
    }

    /** {@code edit}, {@code new}, {@code log}, {@code categorize} or {@code external}. */
    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public String getUser() {
        return user;
    }

    public boolean isBot() {
        return bot;
    }

    /** {@code length.new - length.old} as {@link RecentChange#sizeChange()} defines it. */
    public long getSizeChange() {
        return sizeChange;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChangeFacts)) {
            return false;
        }
        ChangeFacts other = (ChangeFacts) o;
        return bot == other.bot
                && sizeChange == other.sizeChange
                && wiki.equals(other.wiki)
                && type.equals(other.type)
                && title.equals(other.title)
                && user.equals(other.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wiki, type, title, user, bot, sizeChange);
    }

    @Override
    public String toString() {
        return "ChangeFacts{"
                + wiki
                + ' '
                + type
                + " '"
                + title
                + "' by '"
                + user
                + "'"
                + (bot ? " (bot)" : "")
                + ", size change "
                + sizeChange
                + '}';
    }

    /**
     * {@code [length][type code | bot flag][size change: 8 bytes][wiki][title][user][other type]},
     * each string as its UTF-8 length (2 bytes, or 0xFFFF and 4 bytes) and bytes.
     */
    private byte[] encoded() {
        if (encoded == null) {
            int typeCode = KNOWN_TYPES.indexOf(type);
            byte[][] strings = {
                utf8(wiki), utf8(title), utf8(user), typeCode < 0 ? utf8(type) : new byte[0]
            };
            int length = 1 + Long.BYTES;
            for (byte[] string : strings) {
                length += (string.length < 0xFFFF ? 2 : 6) + string.length;
            }
            byte[] bytes = new byte[length];
            bytes[0] = (byte) ((typeCode < 0 ? OTHER_TYPE : typeCode) | (bot ? BOT_FLAG : 0));
            int position = putLong(bytes, 1, sizeChange);
            for (byte[] string : strings) {
                position = putString(bytes, position, string);
            }
            encoded = bytes;
        }
        return encoded;
    }

    private static ChangeFacts decode(byte[] bytes) {
        int kind = bytes[0] & 0xFF;
        long sizeChange = 0;
        for (int i = 1; i <= Long.BYTES; i++) {
            sizeChange = (sizeChange << 8) | (bytes[i] & 0xFF);
        }
        int[] position = {1 + Long.BYTES};
        String wiki = string(bytes, position);
        String title = string(bytes, position);
        String user = string(bytes, position);
        String other = string(bytes, position);
        int typeCode = kind & ~BOT_FLAG;
        String type = typeCode == OTHER_TYPE ? other : KNOWN_TYPES.get(typeCode);
        return new ChangeFacts(wiki, type, title, user, (kind & BOT_FLAG) != 0, sizeChange);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int putLong(byte[] bytes, int position, long value) {
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            bytes[position + i] = (byte) value;
            value >>>= 8;
        }
        return position + Long.BYTES;
    }

    private static int putString(byte[] bytes, int position, byte[] string) {
        int length = string.length;
        if (length < 0xFFFF) {
            bytes[position++] = (byte) (length >>> 8);
            bytes[position++] = (byte) length;
        } else {
            bytes[position++] = (byte) 0xFF;
            bytes[position++] = (byte) 0xFF;
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[position++] = (byte) (length >>> shift);
            }
        }
        System.arraycopy(string, 0, bytes, position, length);
        return position + length;
    }

    private static String string(byte[] bytes, int[] position) {
        int at = position[0];
        int length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        at += 2;
        if (length == 0xFFFF) {
            length = 0;
            for (int i = 0; i < 4; i++) {
                length = (length << 8) | (bytes[at++] & 0xFF);
            }
        }
        position[0] = at + length;
        return new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    /** The serializer: the binary form behind its length. */
    public static final class Serializer extends ImmutableValueSerializer<ChangeFacts> {

        private static final long serialVersionUID = 1L;

        static final Serializer INSTANCE = new Serializer();

        @Override
        public ChangeFacts createInstance() {
            return new ChangeFacts("", "edit", "", "", false, 0);
        }

        @Override
        public void serialize(ChangeFacts facts, DataOutputView target) throws IOException {
            byte[] bytes = facts.encoded();
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public ChangeFacts deserialize(DataInputView source) throws IOException {
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            ChangeFacts facts = decode(bytes);
            facts.encoded = bytes;
            return facts;
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public TypeSerializerSnapshot<ChangeFacts> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ChangeFacts> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }

    /** Makes Flink use {@link Serializer} wherever a {@code ChangeFacts} goes. */
    public static final class Factory extends TypeInfoFactory<ChangeFacts> {
        @Override
        public TypeInformation<ChangeFacts> createTypeInfo(
                Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new ImmutableValueTypeInfo<>(ChangeFacts.class, Serializer.INSTANCE);
        }
    }
}
