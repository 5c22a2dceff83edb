package dev.eddy.sse.table;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A real SSE server on loopback (the JDK's HTTP server) for table tests: serves fixed events (id =
 * position, from after the request's Last-Event-ID) and then keeps the stream open, as a live
 * stream does. Records the headers of every request.
 */
public final class LoopbackSseServer implements AutoCloseable {

    /** One event: its type (null for none) and data. */
    public record Event(String type, String data) {}

    private final HttpServer server;
    private final Map<String, List<Event>> streams = new ConcurrentHashMap<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    public LoopbackSseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Serves these events at {@code path}; returns the stream's URL. */
    public String stream(String path, List<Event> events) {
        streams.put(path, List.copyOf(events));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
        List<Event> events = streams.get(exchange.getRequestURI().getPath());
        if (events == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String lastId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        int from = lastId == null || lastId.isEmpty() ? 0 : Integer.parseInt(lastId) + 1;
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = from; i < events.size(); i++) {
                Event event = events.get(i);
                StringBuilder frame = new StringBuilder();
                if (event.type() != null) {
                    frame.append("event: ").append(event.type()).append('\n');
                }
                frame.append("id: ").append(i).append('\n');
                frame.append("data: ").append(event.data()).append("\n\n");
                out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
