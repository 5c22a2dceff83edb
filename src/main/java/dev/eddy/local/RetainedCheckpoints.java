package dev.eddy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest complete checkpoint a previous run retained under a checkpoint directory. */
final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    /** The newest {@code <job id>/chk-<n>} directory holding a {@code _metadata} file. */
    static Optional<Path> newest(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(checkpointDir, 3,
                (path, attributes) -> path.getFileName().toString().equals("_metadata")
                        && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return files.map(Path::getParent).max(Comparator.comparingLong(RetainedCheckpoints::modified));
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
