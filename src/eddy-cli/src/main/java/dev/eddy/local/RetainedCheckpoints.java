package dev.eddy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest complete savepoint or checkpoint a previous run left behind. */
final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    /**
     * The newest directory holding a {@code _metadata} file: {@code savepoint-*} directories under
     * {@code savepointDir}, {@code <job id>/chk-<n>} under {@code checkpointDir}.
     */
    static Optional<Path> newest(Path savepointDir, Path checkpointDir) throws IOException {
        Optional<Path> savepoint = newestWithMetadata(savepointDir, 2, "savepoint-");
        Optional<Path> checkpoint = newestWithMetadata(checkpointDir, 3, "chk-");
        return Stream.of(savepoint, checkpoint)
                .flatMap(Optional::stream)
                .max(Comparator.comparingLong(RetainedCheckpoints::modified));
    }

    private static Optional<Path> newestWithMetadata(Path dir, int depth, String prefix)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files =
                Files.find(
                        dir,
                        depth,
                        (path, attributes) ->
                                path.getFileName().toString().equals("_metadata")
                                        && path.getParent()
                                                .getFileName()
                                                .toString()
                                                .startsWith(prefix))) {
            return files.map(Path::getParent)
                    .max(Comparator.comparingLong(RetainedCheckpoints::modified));
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
