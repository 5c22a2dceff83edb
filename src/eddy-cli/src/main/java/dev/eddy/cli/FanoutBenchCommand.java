package dev.eddy.cli;

import dev.eddy.bench.FanoutBenchmark;
import dev.eddy.bench.FanoutSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy bench fanout}: concurrent SSE subscribers held by the endpoint, delivery latency,
 * endpoint heap.
 */
@Command(
        name = "fanout",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the SSE endpoint (eddy serve) in its own JVM, holds N subscribers on loopback, publishes",
            "aggregate-sized records at a fixed rate and reports publish-to-receipt latency percentiles,",
            "delivered share and the endpoint's heap. With --kafka the endpoints (--replicas) serve from",
            "Kafka and each record is committed in a transaction: latency from commit to receipt.",
            "Needs a file-descriptor limit above N (ulimit -n)."
        })
public final class FanoutBenchCommand implements Callable<Integer> {

    @Option(
            names = "--clients",
            paramLabel = "N",
            description = "Concurrent subscribers (default: ${DEFAULT-VALUE}).")
    int clients = 10_000;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description =
                    "Records published per second; each goes to every subscriber (default: ${DEFAULT-VALUE}).")
    double rate = 10;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int durationSeconds = 30;

    @Option(
            names = "--warmup",
            paramLabel = "SECONDS",
            description = "Seconds of publishing before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 5;

    @Option(
            names = "--connect-rate",
            paramLabel = "N",
            description =
                    "New subscribers per second while connecting (default: ${DEFAULT-VALUE}).")
    int connectRate = 2_000;

    @Option(
            names = "--client-threads",
            paramLabel = "N",
            description = "Selector threads of the subscribers (default: ${DEFAULT-VALUE}).")
    int clientThreads = 1;

    @Option(
            names = "--endpoint-heap",
            paramLabel = "SIZE",
            description = "The endpoint JVM's -Xmx (default: ${DEFAULT-VALUE}).")
    String endpointHeap = "1g";

    @Option(
            names = "--endpoint-jvm-option",
            paramLabel = "OPTION",
            description =
                    "An extra option for the endpoint JVM, repeatable (e.g. -XX:StartFlightRecording=...).")
    List<String> endpointJvmOptions = new ArrayList<>();

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            arity = "0..1",
            fallbackValue = FanoutSettings.EMBEDDED,
            description =
                    "Serve from Kafka: a broker started here (no value) or HOST:PORT; records are committed one per transaction.")
    String kafka;

    @Option(
            names = "--replicas",
            paramLabel = "N",
            description =
                    "Endpoint JVMs with --kafka, subscribers spread evenly (default: ${DEFAULT-VALUE}).")
    int replicas = 1;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FanoutSettings settings;
        try {
            settings =
                    new FanoutSettings(
                            clients,
                            rate,
                            Duration.ofSeconds(warmupSeconds),
                            Duration.ofSeconds(durationSeconds),
                            connectRate,
                            clientThreads,
                            endpointHeap,
                            endpointJvmOptions,
                            kafka,
                            replicas);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("eddy bench fanout: " + e.getMessage());
            return 2;
        }
        new FanoutBenchmark(settings, spec.commandLine().getOut()).run();
        return 0;
    }
}
