package dev.eddy.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options and dynamic properties that Flink's start scripts get from {@code BashJavaUtils}
 * for a JobManager ({@code GET_JM_RESOURCE_PARAMS}) or TaskManager ({@code
 * GET_TM_RESOURCE_PARAMS}): heap, direct and metaspace limits, and the memory and CPU settings
 * derived from the configuration (without them a TaskManager refuses to start:
 * "taskmanager.cpu.cores is not set").
 *
 * @param jvmOptions e.g. {@code -Xmx260046843 -XX:MaxDirectMemorySize=...}
 * @param dynamicProperties arguments for the entry point, e.g. {@code -D
 *     taskmanager.memory.managed.size=315411665b}, as separate words
 */
record ResourceParameters(List<String> jvmOptions, List<String> dynamicProperties) {

    static final String JOB_MANAGER = "GET_JM_RESOURCE_PARAMS";
    static final String TASK_MANAGER = "GET_TM_RESOURCE_PARAMS";

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** Runs {@code BashJavaUtils} on the configuration directory, as Flink's scripts do. */
    static ResourceParameters compute(String command, Path flinkLib, Path configDir, Path output)
            throws IOException {
        JavaProcess.Result result =
                JavaProcess.builder(
                                "BashJavaUtils " + command,
                                "org.apache.flink.runtime.util.bash.BashJavaUtils")
                        .classPathDirectory(flinkLib)
                        .jvmOption("-Xmx128m")
                        .arguments(command, "--configDir", configDir.toString())
                        .output(output)
                        .run(Duration.ofMinutes(2));
        if (!result.succeeded()) {
            throw new IOException(
                    "Flink's BashJavaUtils "
                            + command
                            + " failed (exit "
                            + result.exitCode()
                            + "):\n"
                            + result.output());
        }
        return parse(result.output());
    }

    /** Reads the two result lines of {@code BashJavaUtils}' output. */
    static ResourceParameters parse(String output) {
        List<String> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            int at = line.indexOf(RESULT_PREFIX);
            if (at >= 0) {
                results.add(line.substring(at + RESULT_PREFIX.length()).trim());
            }
        }
        if (results.size() < 2) {
            throw new IllegalArgumentException(
                    "Expected two " + RESULT_PREFIX + " lines from BashJavaUtils, got:\n" + output);
        }
        return new ResourceParameters(
                words(results.get(results.size() - 2)), words(results.get(results.size() - 1)));
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : List.copyOf(Arrays.asList(line.split("\\s+")));
    }
}
