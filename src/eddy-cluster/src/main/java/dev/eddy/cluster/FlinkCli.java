package dev.eddy.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's command-line client ({@code org.apache.flink.client.cli.CliFrontend}, what {@code
 * bin/flink} runs) in a JVM of its own, with {@code FLINK_CONF_DIR} pointing at the cluster's
 * configuration.
 */
public final class FlinkCli {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path flinkLib;
    private final Path configDirectory;
    private final Path logDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> jobConfiguration = new LinkedHashMap<>();

    FlinkCli(Path flinkLib, Path configDirectory, Path logDirectory) {
        this.flinkLib = flinkLib;
        this.configDirectory = configDirectory;
        this.logDirectory = logDirectory;
    }

    /** Sets an environment variable of the CLI's JVM (a job's {@code main} runs there). */
    public FlinkCli environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Sets a configuration option of the jobs this CLI submits ({@code -Dkey=value} of {@code flink
     * run}), e.g. {@code execution.checkpointing.interval}.
     */
    public FlinkCli jobConfiguration(String key, String value) {
        jobConfiguration.put(key, value);
        return this;
    }

    /** {@code flink ARGS...}; fails unless it exits with 0. */
    public String run(List<String> args) throws IOException {
        int run = RUNS.incrementAndGet();
        JavaProcess.Builder cli =
                JavaProcess.builder(
                                "flink " + args.get(0), "org.apache.flink.client.cli.CliFrontend")
                        .classPathDirectory(flinkLib)
                        .jvmOptions(FlinkJvmOptions.JAVA_17)
                        .jvmOption("-Xmx512m")
                        .jvmOption(
                                "-Dlog.file=" + logDirectory.resolve("flink-cli-" + run + ".log"))
                        .jvmOption(
                                "-Dlog4j.configurationFile=file:"
                                        + configDirectory.resolve("log4j-cli.properties"))
                        .environment("FLINK_CONF_DIR", configDirectory.toString())
                        .arguments(args)
                        .output(logDirectory.resolve("flink-cli-" + run + ".out"));
        environment.forEach(cli::environment);
        JavaProcess.Result result = cli.run(TIMEOUT);
        if (!result.succeeded()) {
            throw new IOException(
                    "flink "
                            + args.get(0)
                            + " failed (exit "
                            + result.exitCode()
                            + ", log "
                            + logDirectory.resolve("flink-cli-" + run + ".log")
                            + "):\n"
                            + result.output());
        }
        return result.output();
    }

    /** {@code flink run -d JAR ARGS...}: submits the job detached; returns its job id. */
    public String submit(Path jar, List<String> jobArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        jobConfiguration.forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.add(jar.toString());
        args.addAll(jobArgs);
        return find(JOB_ID, run(args), "a job id");
    }

    /**
     * {@code flink run -d -s SAVEPOINT JAR ARGS...}: submits the job detached, restored from the
     * savepoint or retained checkpoint; returns its job id.
     */
    public String resume(String savepoint, Path jar, List<String> jobArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-s", savepoint));
        jobConfiguration.forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.add(jar.toString());
        args.addAll(jobArgs);
        return find(JOB_ID, run(args), "a job id");
    }

    /**
     * {@code flink stop --savepointPath DIR JOB}: stops the job with a savepoint (its last Kafka
     * transactions committed); returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Path savepointDirectory) throws IOException {
        return find(
                SAVEPOINT,
                run(
                        List.of(
                                "stop",
                                "--savepointPath",
                                savepointDirectory.toUri().toString(),
                                jobId)),
                "the savepoint path");
    }

    /** {@code flink cancel JOB}. */
    public void cancel(String jobId) throws IOException {
        run(List.of("cancel", jobId));
    }

    private static String find(Pattern pattern, String output, String what) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("Flink's CLI printed no " + what + ":\n" + output);
        }
        return matcher.group(1);
    }
}
