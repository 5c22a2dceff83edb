package dev.eddy.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports for the processes of a cluster. */
final class Ports {

    private Ports() {}

    /** A port that is free on {@code host} right now. */
    static int free(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        }
    }
}
