package dev.eddy.bench.client;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The measurement loop each client's JVM runs: a number of warm-up connections, then measured ones,
 * each reading the same number of events from the start of the replayed stream. Prints one line for
 * the orchestrator: {@code RESULT <client> events=<n> nanos=<t> cpuNanos=<c> checksum=<s>} for the
 * measured connections: wall-clock time, and the CPU time of the whole JVM (all its threads: the
 * client's, the JIT's, the garbage collector's), which other load on the machine disturbs less.
 *
 * <p>Arguments: {@code URL EVENTS_PER_CONNECTION WARMUP_CONNECTIONS MEASURED_CONNECTIONS}.
 */
public final class ClientRunner {

    /** The prefix of the line that carries the result. */
    public static final String RESULT_PREFIX = "RESULT ";

    private ClientRunner() {}

    public static void run(String clientName, BenchClient client, String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println(
                    "usage: "
                            + clientName
                            + " URL EVENTS_PER_CONNECTION WARMUP_CONNECTIONS MEASURED_CONNECTIONS");
            System.exit(2);
        }
        String url = args[0];
        long eventsPerConnection = Long.parseLong(args[1]);
        int warmups = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);

        for (int i = 0; i < warmups; i++) {
            client.read(url, new DecodedEvents(eventsPerConnection));
        }
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long events = 0;
        long nanos = 0;
        long checksum = 0;
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < measured; i++) {
            DecodedEvents decoded = new DecodedEvents(eventsPerConnection);
            long start = System.nanoTime();
            client.read(url, decoded);
            nanos += System.nanoTime() - start;
            events += decoded.count();
            checksum = decoded.checksum();
        }
        long cpuNanos = os.getProcessCpuTime() - cpuStart;
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "%s%s events=%d nanos=%d cpuNanos=%d checksum=%d",
                        RESULT_PREFIX,
                        clientName,
                        events,
                        nanos,
                        cpuNanos,
                        checksum));
        // the HTTP libraries keep non-daemon threads (connection pools, dispatchers) alive for a
        // while
        System.exit(0);
    }
}
