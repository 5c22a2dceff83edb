package dev.eddy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Flink configuration directory as {@code FLINK_CONF_DIR} names it: {@code config.yaml} (Flink
 * 2's standard YAML, written with flat keys) and the log4j configurations of the daemons ({@code
 * log4j.properties}) and of the CLI ({@code log4j-cli.properties}), both logging to the file that
 * {@code -Dlog.file} names, as in Flink's distribution.
 */
final class FlinkConfigDirectory {

    private static final String DAEMON_LOG4J =
            String.join(
                    "\n",
                    "# Written by Eddy: Flink daemons log to the file -Dlog.file names",
                    "monitorInterval = 30",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = MainAppender",
                    "appender.main.name = MainAppender",
                    "appender.main.type = File",
                    "appender.main.append = true",
                    "appender.main.fileName = ${sys:log.file}",
                    "appender.main.layout.type = PatternLayout",
                    "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "logger.pekko.name = org.apache.pekko",
                    "logger.pekko.level = INFO",
                    "logger.kafka.name = org.apache.kafka",
                    "logger.kafka.level = INFO",
                    "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
                    "logger.netty.level = OFF",
                    "");

    private static final String CLI_LOG4J =
            String.join(
                    "\n",
                    "# Written by Eddy: the Flink CLI logs to the file -Dlog.file names",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = FileAppender",
                    "appender.file.name = FileAppender",
                    "appender.file.type = File",
                    "appender.file.append = true",
                    "appender.file.fileName = ${sys:log.file}",
                    "appender.file.layout.type = PatternLayout",
                    "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "");

    private FlinkConfigDirectory() {}

    /** Writes the directory's files, replacing earlier ones. */
    static void write(Path directory, Map<String, String> configuration) throws IOException {
        Files.createDirectories(directory);
        StringBuilder yaml =
                new StringBuilder(
                        "# Written by Eddy (dev.eddy.cluster.StandaloneFlinkCluster) for a local standalone cluster.\n");
        configuration.forEach(
                (key, value) -> yaml.append(key).append(": ").append(quoted(value)).append('\n'));
        Files.writeString(directory.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                directory.resolve("log4j.properties"), DAEMON_LOG4J, StandardCharsets.UTF_8);
        Files.writeString(
                directory.resolve("log4j-cli.properties"), CLI_LOG4J, StandardCharsets.UTF_8);
    }

    /** A YAML single-quoted scalar: Flink reads every value as text and converts it. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
