package dev.eddy.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The rates the client benchmark measured, per client and round, and how it prints them. */
public final class ClientBenchmarkResults {

    private final Map<String, List<BenchClientJvm.Measurement>> measurements;

    ClientBenchmarkResults(Map<String, List<BenchClientJvm.Measurement>> measurements) {
        this.measurements = measurements;
    }

    /** The median over the rounds of a client's events per second. */
    public double medianRate(String client) {
        return median(rates(client));
    }

    /** Whether every decoding client folded the same decoded fields into the same checksum. */
    public boolean decodedTheSameEvents() {
        return decodingChecksums().size() == 1;
    }

    /**
     * The median over the rounds of the CPU time a client's JVM spent per event, in microseconds.
     */
    public double medianCpuMicrosPerEvent(String client) {
        List<Double> cpu = new ArrayList<>();
        measurements.get(client).forEach(measurement -> cpu.add(measurement.cpuMicrosPerEvent()));
        return median(cpu);
    }

    void print(PrintWriter out, ClientBenchmarkSettings settings) {
        out.println();
        out.println("SSE client + JSON decode, medians of " + settings.rounds() + " rounds");
        out.printf(
                "%-20s %12s %14s   %s%n",
                "client", "events/s", "CPU us/event", "events/s per round");
        for (String client : measurements.keySet()) {
            String rounds =
                    rates(client).stream()
                            .map(rate -> String.format("%,.0f", rate))
                            .collect(Collectors.joining(", "));
            out.printf(
                    "%-20s %,12.0f %14.2f   %s%n",
                    label(client), medianRate(client), medianCpuMicrosPerEvent(client), rounds);
        }
        out.println();
        out.printf("%-27s %10s %16s%n", "", "events/s", "CPU per event");
        ratio(out, ClientBenchmark.OKHTTP_SSE);
        ratio(out, ClientBenchmark.OKHTTP_EVENTSOURCE);
        out.printf(
                "eddy share of the raw drain %9.2f%n",
                medianRate(ClientBenchmark.EDDY) / medianRate(ClientBenchmark.RAW_DRAIN));
        out.println();
        if (decodedTheSameEvents()) {
            out.println(
                    "All clients decoded the same events (checksum "
                            + decodingChecksums().iterator().next()
                            + ").");
        } else {
            out.println(
                    "WARNING: the clients decoded different events (checksums "
                            + decodingChecksums()
                            + ").");
        }
        out.println(
                "Each client ran in its own JVM ("
                        + String.join(" ", settings.jvmOptions())
                        + "), "
                        + settings.warmupConnections()
                        + " warm-up + "
                        + settings.measuredConnections()
                        + " measured connections of "
                        + String.format("%,d", settings.events())
                        + " events per round,"
                        + " decoding every event into the same type with the same Jackson ObjectReader"
                        + " (eddy from the UTF-8 data bytes, the peers from their data Strings).");
        out.println(
                "CPU us/event: CPU time of the client's whole JVM (client, JIT and GC threads) per event.");
        out.println(
                "The replay server (in this JVM) and the client share this machine's "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores over loopback.");
    }

    /** Eddy against a peer: how many times its rate, and how many times less CPU per event. */
    private void ratio(PrintWriter out, String peer) {
        out.printf(
                "%-27s %9.2fx %15.2fx%n",
                "eddy vs " + peer,
                medianRate(ClientBenchmark.EDDY) / medianRate(peer),
                medianCpuMicrosPerEvent(peer) / medianCpuMicrosPerEvent(ClientBenchmark.EDDY));
    }

    private List<Double> rates(String client) {
        List<Double> rates = new ArrayList<>();
        measurements.get(client).forEach(measurement -> rates.add(measurement.eventsPerSecond()));
        return rates;
    }

    private Set<Long> decodingChecksums() {
        Set<Long> checksums = new TreeSet<>();
        measurements.forEach(
                (client, runs) -> {
                    if (!client.equals(ClientBenchmark.RAW_DRAIN)) {
                        runs.forEach(run -> checksums.add(run.checksum()));
                    }
                });
        return checksums;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String label(String client) {
        return client.equals(ClientBenchmark.RAW_DRAIN) ? "raw drain (socket)" : client;
    }
}
