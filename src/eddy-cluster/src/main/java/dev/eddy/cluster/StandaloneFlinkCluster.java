package dev.eddy.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Flink standalone session cluster of separate JVMs on this machine, run from Maven artifacts the
 * way Flink's distribution runs it: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * TaskManagers ({@code TaskManagerRunner}), each with the JVM options and memory settings that
 * Flink's {@code BashJavaUtils} computes, the class path {@code flink-lib} (like a distribution's
 * {@code lib/}: no connectors, a job jar brings its own), and a configuration directory of its own.
 * Jobs go in with Flink's CLI ({@link #cli()}, or the {@code bin/flink} script it writes).
 *
 * <pre>{@code
 * try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.builder()
 *         .directory(Path.of(".eddy-cluster/flink"))
 *         .start()) {
 *     String jobId = cluster.cli().run(jobJar, "--kafka", "127.0.0.1:9092");
 *     ...
 * }
 * }</pre>
 *
 * <p>Everything binds to 127.0.0.1, jar uploads through the Web UI are off ({@code
 * web.submit.enable: false}; the CLI submits with {@code POST /jobs}), checkpoints and savepoints
 * go under the cluster's directory and are retained when a job is cancelled.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ClusterArtifacts artifacts;
    private final Path directory;
    private final String host;
    private final int restPort;
    private final Map<String, String> configuration;
    private final List<TaskManager> taskManagers = new ArrayList<>();
    private JavaProcess jobManager;
    private ResourceParameters taskManagerResources;
    private int taskManagersStarted;

    private StandaloneFlinkCluster(
            Builder builder, int restPort, Map<String, String> configuration) {
        this.artifacts = builder.artifacts;
        this.directory = builder.directory;
        this.host = builder.host;
        this.restPort = restPort;
        this.configuration = configuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Web UI and REST API, e.g. {@code http://127.0.0.1:8081}. */
    public URI webUi() {
        return URI.create("http://" + host + ":" + restPort);
    }

    public FlinkRest rest() {
        return new FlinkRest(webUi());
    }

    /** Flink's command-line client for this cluster. */
    public FlinkCli cli() {
        return new FlinkCli(artifacts.flinkLib(), configDirectory(), logDirectory());
    }

    /** {@code FLINK_CONF_DIR} of this cluster. */
    public Path configDirectory() {
        return directory.resolve("conf");
    }

    public Path logDirectory() {
        return directory.resolve("log");
    }

    /** Where savepoints go by default ({@code execution.checkpointing.savepoint-dir}). */
    public Path savepointDirectory() {
        return directory.resolve("savepoints");
    }

    public Path checkpointDirectory() {
        return directory.resolve("checkpoints");
    }

    /** A script running Flink's CLI against this cluster: {@code bin/flink run -d JAR ...}. */
    public Path flinkScript() {
        return directory.resolve("bin").resolve("flink");
    }

    public JavaProcess jobManager() {
        return jobManager;
    }

    /** The TaskManagers started so far, killed ones included. */
    public List<TaskManager> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /** The configuration the cluster runs with (config.yaml). */
    public Map<String, String> configuration() {
        return Map.copyOf(configuration);
    }

    private StandaloneFlinkCluster startAll(int initialTaskManagers) throws Exception {
        FlinkConfigDirectory.write(configDirectory(), configuration);
        writeFlinkScript();
        Files.createDirectories(logDirectory());
        ResourceParameters jobManagerResources =
                ResourceParameters.compute(
                        ResourceParameters.JOB_MANAGER,
                        artifacts.flinkLib(),
                        configDirectory(),
                        logDirectory().resolve("bash-java-utils-jm.out"));
        taskManagerResources =
                ResourceParameters.compute(
                        ResourceParameters.TASK_MANAGER,
                        artifacts.flinkLib(),
                        configDirectory(),
                        logDirectory().resolve("bash-java-utils-tm.out"));
        jobManager =
                daemon(
                                "jobmanager",
                                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                                jobManagerResources,
                                List.of())
                        .start();
        FlinkRest rest = rest();
        Poll.until(
                "the JobManager's REST API at " + webUi(),
                START_TIMEOUT,
                () -> rest.get("/overview").has("taskmanagers"),
                () -> !jobManager.isAlive(),
                () -> diagnostics(jobManager, "jobmanager"));
        for (int i = 0; i < initialTaskManagers; i++) {
            startTaskManager();
        }
        return this;
    }

    /** Starts one more TaskManager and waits until it has registered with the JobManager. */
    public TaskManager startTaskManager() throws Exception {
        String name = "taskmanager-" + ++taskManagersStarted;
        JavaProcess process =
                daemon(
                                name,
                                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                                taskManagerResources,
                                List.of("-D", "taskmanager.resource-id=" + name))
                        .start();
        TaskManager taskManager = new TaskManager(name, process);
        taskManagers.add(taskManager);
        FlinkRest rest = rest();
        Poll.until(
                name + " to register with the JobManager",
                START_TIMEOUT,
                () -> rest.taskManagerIds().contains(name),
                () -> !process.isAlive(),
                () -> diagnostics(process, name));
        return taskManager;
    }

    private JavaProcess.Builder daemon(
            String name, String entryPoint, ResourceParameters resources, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--configDir", configDirectory().toString()));
        args.addAll(resources.dynamicProperties());
        args.addAll(extraArgs);
        return JavaProcess.builder(name, entryPoint)
                .classPathDirectory(artifacts.flinkLib())
                .jvmOptions(FlinkJvmOptions.JAVA_17)
                .jvmOptions(resources.jvmOptions())
                .jvmOption("-Dlog.file=" + logDirectory().resolve(name + ".log"))
                .jvmOption(
                        "-Dlog4j.configuration=file:"
                                + configDirectory().resolve("log4j.properties"))
                .jvmOption(
                        "-Dlog4j.configurationFile=file:"
                                + configDirectory().resolve("log4j.properties"))
                .arguments(args)
                .workingDirectory(directory)
                .output(logDirectory().resolve(name + ".out"));
    }

    private String diagnostics(JavaProcess process, String name) {
        return (process.isAlive() ? process + " is running" : process + " has ended")
                + "; its output ("
                + process.output()
                + "):\n"
                + process.outputTail(20)
                + "\nits log ("
                + logDirectory().resolve(name + ".log")
                + "):\n"
                + JavaProcess.tail(logDirectory().resolve(name + ".log"), 30);
    }

    private void writeFlinkScript() throws IOException {
        Path script = flinkScript();
        Files.createDirectories(script.getParent());
        StringBuilder text = new StringBuilder();
        text.append("#!/usr/bin/env bash\n");
        text.append("# Flink's CLI for the standalone cluster in ").append(directory).append('\n');
        text.append("export FLINK_CONF_DIR='").append(configDirectory()).append("'\n");
        text.append("exec '")
                .append(Path.of(System.getProperty("java.home"), "bin", "java"))
                .append("' ");
        text.append(String.join(" ", FlinkJvmOptions.JAVA_17));
        text.append(" -Dlog.file='").append(logDirectory().resolve("flink-cli.log")).append("'");
        text.append(" -Dlog4j.configurationFile='file:")
                .append(configDirectory().resolve("log4j-cli.properties"))
                .append("'");
        text.append(" -cp '").append(artifacts.flinkLib()).append("/*'");
        text.append(" org.apache.flink.client.cli.CliFrontend \"$@\"\n");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Stops the TaskManagers, then the JobManager (each gets 30 s to end cleanly). */
    @Override
    public void close() {
        for (TaskManager taskManager : taskManagers) {
            taskManager.process().stop(STOP_GRACE);
        }
        if (jobManager != null) {
            jobManager.stop(STOP_GRACE);
        }
    }

    /** One TaskManager JVM, by the resource id it registered with. */
    public record TaskManager(String resourceId, JavaProcess process) {

        /** Kills the JVM ({@code kill -9}): no clean shutdown, no goodbye to the JobManager. */
        public void kill() {
            process.kill();
        }
    }

    /** Configures and starts a {@link StandaloneFlinkCluster}. */
    public static final class Builder {

        private ClusterArtifacts artifacts;
        private Path directory;
        private String host = "127.0.0.1";
        private int restPort;
        private int taskManagers = 1;
        private int slotsPerTaskManager = 2;
        private String jobManagerMemory = "800m";
        private String taskManagerMemory = "1200m";
        private final Map<String, String> configuration = new LinkedHashMap<>();

        private Builder() {}

        /** Where the configuration, logs, checkpoints and savepoints go (required). */
        public Builder directory(Path directory) {
            this.directory = directory.toAbsolutePath();
            return this;
        }

        /** The jars to run; by default those of this build. */
        public Builder artifacts(ClusterArtifacts artifacts) {
            this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
            return this;
        }

        /** The port of the Web UI and REST API; 0 (the default) picks a free one. */
        public Builder restPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.restPort = port;
            return this;
        }

        /** TaskManagers to start with; default 1. */
        public Builder taskManagers(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("taskManagers must be >= 0, got " + count);
            }
            this.taskManagers = count;
            return this;
        }

        /** {@code taskmanager.numberOfTaskSlots}; default 2. */
        public Builder slotsPerTaskManager(int slots) {
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be >= 1, got " + slots);
            }
            this.slotsPerTaskManager = slots;
            return this;
        }

        /** {@code jobmanager.memory.process.size}; default 800m. */
        public Builder jobManagerMemory(String size) {
            this.jobManagerMemory = Objects.requireNonNull(size, "size");
            return this;
        }

        /** {@code taskmanager.memory.process.size}; default 1200m. */
        public Builder taskManagerMemory(String size) {
            this.taskManagerMemory = Objects.requireNonNull(size, "size");
            return this;
        }

        /**
         * Any other Flink option, e.g. {@code config("execution.checkpointing.interval", "1s")}.
         */
        public Builder config(String key, String value) {
            configuration.put(
                    Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        /**
         * Writes the configuration, starts the JobManager and the TaskManagers and waits until they
         * are registered; on failure stops what had started.
         */
        public StandaloneFlinkCluster start() throws Exception {
            if (directory == null) {
                throw new IllegalStateException("Set the cluster's directory with directory(...)");
            }
            if (artifacts == null) {
                artifacts = ClusterArtifacts.ofThisBuild();
            }
            int port = restPort == 0 ? Ports.free(host) : restPort;
            StandaloneFlinkCluster cluster =
                    new StandaloneFlinkCluster(this, port, configuration(port));
            try {
                return cluster.startAll(taskManagers);
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
        }

        private Map<String, String> configuration(int port) throws IOException {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("jobmanager.rpc.address", host);
            config.put("jobmanager.rpc.port", Integer.toString(Ports.free(host)));
            config.put("jobmanager.bind-host", host);
            config.put("taskmanager.bind-host", host);
            config.put("taskmanager.host", host);
            config.put("rest.address", host);
            config.put("rest.bind-address", host);
            config.put("rest.port", Integer.toString(port));
            config.put("web.submit.enable", "false");
            config.put("jobmanager.memory.process.size", jobManagerMemory);
            config.put("taskmanager.memory.process.size", taskManagerMemory);
            config.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
            config.put("parallelism.default", "1");
            config.put("state.backend.type", "rocksdb");
            config.put("execution.checkpointing.incremental", "true");
            config.put("execution.checkpointing.interval", "10s");
            // well inside Kafka's 15 min transaction timeout, with room for restarts
            config.put("execution.checkpointing.timeout", "2min");
            config.put(
                    "execution.checkpointing.externalized-checkpoint-retention",
                    "RETAIN_ON_CANCELLATION");
            config.put(
                    "execution.checkpointing.dir",
                    directory.resolve("checkpoints").toUri().toString());
            config.put(
                    "execution.checkpointing.savepoint-dir",
                    directory.resolve("savepoints").toUri().toString());
            config.put("io.tmp.dirs", directory.resolve("tmp").toString());
            config.put("restart-strategy.type", "exponential-delay");
            config.put("env.java.opts.all", String.join(" ", FlinkJvmOptions.JAVA_17));
            config.putAll(configuration);
            Files.createDirectories(directory.resolve("tmp"));
            return config;
        }
    }
}
