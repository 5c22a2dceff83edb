package dev.eddy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a child process, its output going to a log file. Children still running when
 * this JVM exits normally (or on Ctrl-C) are killed, so a failed test run leaves no cluster behind.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> RUNNING.forEach(Process::destroyForcibly),
                                "eddy-cluster-children"));
    }

    private final String name;
    private final Process process;
    private final Path output;

    private JavaProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts describing a JVM that runs {@code mainClass}. */
    public static Builder builder(String name, String mainClass) {
        return new Builder(name, mainClass);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file holding the process's standard output and error. */
    public Path output() {
        return output;
    }

    /** The last {@code lines} lines of the output, for error messages. */
    public String outputTail(int lines) {
        return tail(output, lines);
    }

    /** Ends the process abruptly, as {@code kill -9} does, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * Asks the process to end ({@code SIGTERM}: its shutdown hooks run), waits up to {@code grace},
     * then kills it.
     */
    public void stop(Duration grace) {
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /** Waits for the process to end; true if it did in time. */
    public boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                RUNNING.remove(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit code; only once the process has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Stops the process, giving it 30 seconds to end cleanly. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        } catch (UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getCause().getMessage() + ")";
        }
    }

    /** Describes a JVM to start: class path, JVM options, arguments, environment, output file. */
    public static final class Builder {

        private final String name;
        private final String mainClass;
        private final List<String> classPath = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private Path output;

        private Builder(String name, String mainClass) {
            this.name = Objects.requireNonNull(name, "name");
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        }

        /** Adds every jar of this directory to the class path. */
        public Builder classPathDirectory(Path directory) {
            classPath.add(directory.toAbsolutePath() + "/*");
            return this;
        }

        /** Adds a jar or class directory to the class path. */
        public Builder classPathEntry(String entry) {
            classPath.add(entry);
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Builder arguments(List<String> args) {
            arguments.addAll(args);
            return this;
        }

        public Builder arguments(String... args) {
            return arguments(List.of(args));
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        /** Where standard output and error go (required); appended to if it exists. */
        public Builder output(Path file) {
            this.output = file;
            return this;
        }

        /** The command line, for logs and messages. */
        public List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(String.join(":", classPath));
            command.add(mainClass);
            command.addAll(arguments);
            return command;
        }

        public JavaProcess start() throws IOException {
            if (output == null) {
                throw new IllegalStateException("Set the output file of " + name);
            }
            Files.createDirectories(output.toAbsolutePath().getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            RUNNING.add(process);
            return new JavaProcess(name, process, output);
        }

        /** Runs the JVM to its end; returns its exit code and output. */
        public Result run(Duration timeout) throws IOException {
            Files.deleteIfExists(output);
            JavaProcess process = start();
            if (!process.awaitExit(timeout)) {
                process.kill();
                throw new IOException(
                        name
                                + " did not finish within "
                                + timeout
                                + "; its last output:\n"
                                + process.outputTail(30));
            }
            return new Result(process.exitCode(), readString(output));
        }

        private static String readString(Path file) throws IOException {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }

    /** How a JVM that ran to its end ended. */
    public record Result(int exitCode, String output) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
