package dev.eddy.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The peer clients of the client benchmark are small Maven projects under {@link #PEERS} with class
 * paths of their own (okhttp-eventsource needs okhttp 4, Eddy okhttp 5), sharing the sources in
 * {@link #COMMON}. This builds one with the project's Maven wrapper when its classes are missing or
 * older than its sources, and gives its class path.
 */
final class PeerBuild {

    /** Where the peer projects are, relative to the Eddy project directory. */
    static final String PEERS = "src/eddy-bench/peers";

    /** The sources the peers share with Eddy's own runner, relative to the project directory. */
    static final String COMMON = "src/eddy-bench/common";

    private final Path projectDir;
    private final PrintWriter out;

    /** Builds in {@code projectDir}, saying so on {@code out}. */
    PeerBuild(Path projectDir, PrintWriter out) {
        this.projectDir = projectDir;
        this.out = out;
    }

    /** The class path of the peer in {@code PEERS/<peer>}, built first if needed. */
    String classPath(String peer) throws IOException, InterruptedException {
        Path peerDir = projectDir.resolve(PEERS).resolve(peer);
        Path pom = peerDir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IOException(
                    "No benchmark client project at "
                            + pom.toAbsolutePath()
                            + ": run the benchmark from the Eddy project directory, or name it with --project-dir");
        }
        Path classes = peerDir.resolve("target/classes");
        Path lib = peerDir.resolve("target/lib");
        FileTime sources = newest(peerDir, peerDir.resolve("target"));
        FileTime shared = newest(projectDir.resolve(COMMON), null);
        FileTime newestSource = sources.compareTo(shared) > 0 ? sources : shared;
        if (!Files.isDirectory(lib) || newest(classes, null).compareTo(newestSource) < 0) {
            build(pom, peer);
        }
        List<String> entries = new ArrayList<>();
        entries.add(classes.toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> jar.toString().endsWith(".jar"))
                    .sorted()
                    .forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private void build(Path pom, String peer) throws IOException, InterruptedException {
        out.println(
                "Building the "
                        + peer
                        + " benchmark client ("
                        + projectDir.relativize(pom)
                        + ") ...");
        Path wrapper = projectDir.resolve(isWindows() ? "mvnw.cmd" : "mvnw");
        Process maven =
                new ProcessBuilder(
                                wrapper.toAbsolutePath().toString(),
                                "-B",
                                "-q",
                                "-f",
                                pom.toAbsolutePath().toString(),
                                "package")
                        .directory(projectDir.toFile())
                        .inheritIO()
                        .start();
        if (maven.waitFor() != 0) {
            throw new IOException(
                    "Building the "
                            + peer
                            + " benchmark client failed (see Maven's output above);"
                            + " its dependencies come from Maven Central on first use");
        }
    }

    /**
     * The newest modification time of a file under {@code dir}, not looking into {@code skipped}.
     */
    private static FileTime newest(Path dir, Path skipped) throws IOException {
        if (!Files.exists(dir)) {
            return FileTime.fromMillis(0);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> skipped == null || !file.startsWith(skipped))
                    .filter(Files::isRegularFile)
                    .map(PeerBuild::modified)
                    .max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
