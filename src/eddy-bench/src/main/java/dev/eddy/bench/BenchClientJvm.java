package dev.eddy.bench;

import dev.eddy.bench.client.ClientRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client of the client benchmark, run in a JVM of its own: its name, class path and runner
 * class.
 */
record BenchClientJvm(String name, String classPath, String mainClass) {

    private static final Pattern RESULT =
            Pattern.compile(
                    Pattern.quote(ClientRunner.RESULT_PREFIX)
                            + "(\\S+) events=(\\d+) nanos=(\\d+) cpuNanos=(\\d+) checksum=(-?\\d+)");
    private static final long TIMEOUT_MINUTES = 15;

    /** What one run of a client measured. */
    record Measurement(long events, long nanos, long cpuNanos, long checksum) {
        double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        /** CPU time of the client's whole JVM per event, in microseconds. */
        double cpuMicrosPerEvent() {
            return cpuNanos / 1e3 / events;
        }
    }

    /**
     * Starts the client's JVM with these options, waits for it and returns what it measured.
     *
     * @throws IOException if it failed, with its output
     */
    Measurement run(
            List<String> jvmOptions,
            String url,
            long eventsPerConnection,
            int warmups,
            int measured)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.add(url);
        command.add(Long.toString(eventsPerConnection));
        command.add(Integer.toString(warmups));
        command.add(Integer.toString(measured));
        Path log = Files.createTempFile("eddy-bench-" + name + "-", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            builder.environment().put("CLASSPATH", classPath);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(
                        "The "
                                + name
                                + " client did not finish within "
                                + TIMEOUT_MINUTES
                                + " minutes. Its output:\n"
                                + Files.readString(log));
            }
            List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : output) {
                Matcher result = RESULT.matcher(line);
                if (process.exitValue() == 0 && result.matches() && result.group(1).equals(name)) {
                    return new Measurement(
                            Long.parseLong(result.group(2)),
                            Long.parseLong(result.group(3)),
                            Long.parseLong(result.group(4)),
                            Long.parseLong(result.group(5)));
                }
            }
            throw new IOException(
                    "The "
                            + name
                            + " client failed (exit status "
                            + process.exitValue()
                            + "). Its output:\n"
                            + String.join("\n", output));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
