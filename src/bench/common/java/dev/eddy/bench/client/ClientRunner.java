package dev.eddy.bench.client;

import java.util.Locale;

/**
 * The measurement loop each client's JVM runs: a number of warm-up connections, then measured
 * ones, each reading the same number of events from the start of the replayed stream. Prints one
 * line for the orchestrator:
 * {@code RESULT <client> events=<n> nanos=<t> checksum=<c>} (measured connections only).
 *
 * <p>Arguments: {@code URL EVENTS_PER_CONNECTION WARMUP_CONNECTIONS MEASURED_CONNECTIONS}.
 */
public final class ClientRunner {

    /** The prefix of the line that carries the result. */
    public static final String RESULT_PREFIX = "RESULT ";

    private ClientRunner() {}

    public static void run(String clientName, BenchClient client, String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: " + clientName + " URL EVENTS_PER_CONNECTION WARMUP_CONNECTIONS MEASURED_CONNECTIONS");
            System.exit(2);
        }
        String url = args[0];
        long eventsPerConnection = Long.parseLong(args[1]);
        int warmups = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);

        for (int i = 0; i < warmups; i++) {
            client.read(url, new DecodedEvents(eventsPerConnection));
        }
        long events = 0;
        long nanos = 0;
        long checksum = 0;
        for (int i = 0; i < measured; i++) {
            DecodedEvents decoded = new DecodedEvents(eventsPerConnection);
            long start = System.nanoTime();
            client.read(url, decoded);
            nanos += System.nanoTime() - start;
            events += decoded.count();
            checksum = decoded.checksum();
        }
        System.out.println(String.format(Locale.ROOT, "%s%s events=%d nanos=%d checksum=%d",
                RESULT_PREFIX, clientName, events, nanos, checksum));
        System.exit(0);
    }
}
