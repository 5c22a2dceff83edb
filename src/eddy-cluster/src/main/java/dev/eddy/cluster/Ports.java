package dev.eddy.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports for the processes of a cluster, and the check that a chosen one is free. */
public final class Ports {

    private Ports() {}

    /**
     * A port that is free on {@code host} right now. Chosen without {@code SO_REUSEADDR}, so it is
     * no port that connections still use (in {@code TIME_WAIT}, or as their local port): servers
     * that bind without that option, as Kafka's does, can bind it too.
     */
    public static int free(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Fails with one clear line, naming the port, what wanted it and the option that changes it,
     * when {@code port} (other than 0) is in use on {@code host}.
     */
    public static void requireFree(String host, int port, String service, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port "
                            + port
                            + " for the "
                            + service
                            + " is in use (another cluster or eddy running?): stop it or choose another with "
                            + option);
        }
    }
}
