package dev.eddy.sse.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Where event ids come from, so that a stream's ids never go back, not even across a restart.
 *
 * <p>With a state directory, ids are handed out in reserved blocks: before an id beyond the
 * persisted reservation is used, the reservation is raised by a block and written (atomically: a
 * temporary file fsynced, renamed, the directory fsynced) to {@code event-ids.properties}. A
 * restart after a crash continues above the reservation; a clean stop also records each stream's
 * last id, and the next start continues right after it. At most one file write per block of ids.
 *
 * <p>Without a state directory, each start begins at the current time in milliseconds times 1,000.
 * Ids stay increasing across restarts as long as the clock does not go back and a run hands out
 * fewer than 1,000 ids per millisecond of its life, far above any aggregate rate. Such ids stay
 * below 2^53, so browsers read them as exact numbers.
 */
final class EventIdStore {

    static final String FILE_NAME = "event-ids.properties";
    static final long BLOCK = 10_000;

    private final Path file;
    private final LongSupplier clockMillis;
    private final Map<String, Long> reservedThrough = new TreeMap<>();
    private final Map<String, Long> firstIds = new TreeMap<>();
    private final Map<String, Long> lastIds = new TreeMap<>();

    private EventIdStore(Path file, LongSupplier clockMillis) {
        this.file = file;
        this.clockMillis = clockMillis;
    }

    /** A store persisting to {@code stateDir}, reading what a previous run left there. */
    static EventIdStore persistent(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the endpoint state directory " + stateDir, e);
        }
        EventIdStore store =
                new EventIdStore(stateDir.resolve(FILE_NAME), System::currentTimeMillis);
        store.load();
        return store;
    }

    /** A store without files: ids start from the clock. */
    static EventIdStore clockBased(LongSupplier clockMillis) {
        return new EventIdStore(null, clockMillis);
    }

    /** Streams a previous run left ids for; they exist again from the start. */
    synchronized Set<String> knownStreams() {
        return new TreeSet<>(firstIds.keySet());
    }

    /** The first id this run gives a stream; every id of earlier runs is lower. */
    synchronized long firstId(String stream) {
        Long first = firstIds.get(stream);
        if (first != null) {
            return first;
        }
        long fresh = file == null ? Math.max(1, clockMillis.getAsLong() * 1_000) : 1;
        firstIds.put(stream, fresh);
        return fresh;
    }

    /** Makes sure {@code id} is covered by the persisted reservation before it is used. */
    synchronized void reserve(String stream, long id) {
        if (file == null) {
            return;
        }
        Long reserved = reservedThrough.get(stream);
        if (reserved != null && id <= reserved) {
            return;
        }
        reservedThrough.put(stream, id - 1 + BLOCK);
        write(false);
    }

    /**
     * Records the last id of each stream that used ids, so the next start continues right after it.
     */
    synchronized void closeCleanly(Map<String, Long> lastIdByStream) {
        if (file == null) {
            return;
        }
        lastIds.clear();
        lastIdByStream.forEach(
                (stream, id) -> {
                    if (reservedThrough.containsKey(stream)) {
                        lastIds.put(stream, id);
                    }
                });
        write(true);
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the endpoint id state " + file, e);
        }
        boolean clean = Boolean.parseBoolean(properties.getProperty("clean"));
        for (String name : properties.stringPropertyNames()) {
            if (name.endsWith(".reserved")) {
                String stream = name.substring(0, name.length() - ".reserved".length());
                long reserved = parseId(properties, name);
                String last = properties.getProperty(stream + ".last");
                long previous =
                        clean && last != null ? parseId(properties, stream + ".last") : reserved;
                firstIds.put(stream, previous + 1);
            }
        }
        // From now on a crash must continue above what this run may use: reserve at once.
        for (Map.Entry<String, Long> first : firstIds.entrySet()) {
            reservedThrough.put(first.getKey(), first.getValue() - 1 + BLOCK);
        }
        write(false);
    }

    private long parseId(Properties properties, String name) {
        try {
            return Long.parseLong(properties.getProperty(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "Corrupt endpoint id state "
                            + file
                            + ": "
                            + name
                            + " is not a number. "
                            + "Fix or delete that entry (ids of that stream then restart lower).",
                    e);
        }
    }

    private void write(boolean clean) {
        Properties properties = new Properties();
        reservedThrough.forEach(
                (stream, id) -> properties.setProperty(stream + ".reserved", Long.toString(id)));
        if (clean) {
            lastIds.forEach(
                    (stream, id) -> properties.setProperty(stream + ".last", Long.toString(id)));
            properties.setProperty("clean", "true");
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "Eddy SSE endpoint: event id reservations per stream");
            try (FileChannel channel =
                    FileChannel.open(
                            temporary,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            // The rename is durable only once the directory entry is: without this a crash right
            // after could bring back the previous reservation, and ids already used.
            try (FileChannel directory =
                    FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the endpoint id state " + file, e);
        }
    }
}
