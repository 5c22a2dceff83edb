package dev.eddy.bench;

import dev.eddy.bench.client.BenchClient;
import dev.eddy.bench.client.ClientRunner;
import dev.eddy.bench.client.DecodedEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of the client benchmark: a plain socket that requests the stream and reads it to its
 * end into a buffer, parsing and decoding nothing (like {@code curl -s -N URL > /dev/null}). The
 * replayed stream holds exactly the events the other clients decode, so they count as read.
 */
public final class RawDrainRunner implements BenchClient {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final String OK_STATUS = "HTTP/1.1 200 ";

    private final byte[] buffer = new byte[READ_BUFFER_BYTES];

    public static void main(String[] args) throws Exception {
        ClientRunner.run("raw-drain", new RawDrainRunner(), args);
    }

    @Override
    public void read(String url, DecodedEvents events) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            String request =
                    "GET "
                            + uri.getRawPath()
                            + " HTTP/1.1\r\n"
                            + "Host: "
                            + uri.getHost()
                            + ":"
                            + uri.getPort()
                            + "\r\n"
                            + "Accept: text/event-stream\r\n"
                            + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.readNBytes(buffer, 0, OK_STATUS.length());
            String status = new String(buffer, 0, first, StandardCharsets.US_ASCII);
            if (!status.equals(OK_STATUS)) {
                throw new IOException(
                        "The server at " + url + " did not answer 200 OK but: " + status);
            }
            while (in.read(buffer) >= 0) {
                // the bytes are only drained
            }
        }
        events.countRestUndecoded();
    }
}
