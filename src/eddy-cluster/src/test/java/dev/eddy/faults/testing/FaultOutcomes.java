package dev.eddy.faults.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The measured outcome of each fault scenario, one line each, printed and appended to {@code
 * target/fault-outcomes.txt} of the module (the numbers behind {@code docs/faults.md}).
 */
public final class FaultOutcomes {

    private FaultOutcomes() {}

    /**
     * Records one scenario's outcome, e.g. {@code record("TaskManager killed", "recovered in
     * ...")}.
     */
    public static void record(String fault, String outcome) {
        String line = "FAULT OUTCOME | " + fault + " | " + outcome;
        System.out.println(line);
        try {
            Path file = Path.of("target", "fault-outcomes.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A duration as seconds with one decimal, e.g. {@code 4.2 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Since a {@link System#nanoTime()} reading. */
    public static String secondsSince(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
