package dev.eddy.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks before start-up that the ports {@code eddy local} will bind are free, to fail with one
 * clear line.
 */
final class PortCheck {

    private PortCheck() {}

    /**
     * @throws IllegalStateException naming the port, what wanted it, and the option that changes it
     */
    static void requireFree(String host, int port, String service, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Port "
                            + port
                            + " for the "
                            + service
                            + " is in use (another eddy or Flink running?): stop it or choose another with "
                            + option);
        }
    }
}
