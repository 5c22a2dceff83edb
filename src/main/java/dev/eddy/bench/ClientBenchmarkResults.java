package dev.eddy.bench;

import java.io.PrintStream;
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
        List<Double> rates = rates(client);
        Collections.sort(rates);
        int middle = rates.size() / 2;
        return rates.size() % 2 == 1 ? rates.get(middle) : (rates.get(middle - 1) + rates.get(middle)) / 2;
    }

    /** Whether every decoding client folded the same decoded fields into the same checksum. */
    public boolean decodedTheSameEvents() {
        return decodingChecksums().size() == 1;
    }

    void print(PrintStream out, ClientBenchmarkSettings settings) {
        out.println();
        out.println("SSE client + JSON decode throughput (events/s, median of " + settings.rounds() + " rounds)");
        out.printf("%-20s %14s   %s%n", "client", "events/s", "rounds");
        for (String client : measurements.keySet()) {
            String rounds = rates(client).stream().map(rate -> String.format("%,.0f", rate))
                    .collect(Collectors.joining(", "));
            out.printf("%-20s %,14.0f   %s%n", label(client), medianRate(client), rounds);
        }
        double eddy = medianRate(ClientBenchmark.EDDY);
        out.println();
        out.printf("eddy / okhttp-sse          %5.2fx%n", eddy / medianRate(ClientBenchmark.OKHTTP_SSE));
        out.printf("eddy / okhttp-eventsource  %5.2fx%n", eddy / medianRate(ClientBenchmark.OKHTTP_EVENTSOURCE));
        out.printf("eddy / raw drain           %5.2f  (share of the ceiling)%n", eddy / medianRate(ClientBenchmark.RAW_DRAIN));
        out.println();
        if (decodedTheSameEvents()) {
            out.println("All clients decoded the same events (checksum " + decodingChecksums().iterator().next() + ").");
        } else {
            out.println("WARNING: the clients decoded different events (checksums " + decodingChecksums() + ").");
        }
        out.println("Each client ran in its own JVM (" + String.join(" ", settings.jvmOptions()) + "), "
                + settings.warmupConnections() + " warm-up + " + settings.measuredConnections()
                + " measured connections of " + String.format("%,d", settings.events()) + " events per round,"
                + " decoding every event into the same type with the same Jackson ObjectReader"
                + " (eddy from the UTF-8 data bytes, the peers from their data Strings).");
        out.println("The replay server (in this JVM) and the client share this machine's "
                + Runtime.getRuntime().availableProcessors() + " cores over loopback.");
    }

    private List<Double> rates(String client) {
        List<Double> rates = new ArrayList<>();
        measurements.get(client).forEach(measurement -> rates.add(measurement.eventsPerSecond()));
        return rates;
    }

    private Set<Long> decodingChecksums() {
        Set<Long> checksums = new TreeSet<>();
        measurements.forEach((client, runs) -> {
            if (!client.equals(ClientBenchmark.RAW_DRAIN)) {
                runs.forEach(run -> checksums.add(run.checksum()));
            }
        });
        return checksums;
    }

    private static String label(String client) {
        return client.equals(ClientBenchmark.RAW_DRAIN) ? "raw drain (socket)" : client;
    }
}
