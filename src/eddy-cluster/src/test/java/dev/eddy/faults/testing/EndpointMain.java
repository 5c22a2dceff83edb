package dev.eddy.faults.testing;

import com.sun.net.httpserver.HttpServer;
import dev.eddy.sse.server.SseEndpointServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The SSE endpoint in a JVM of its own, as {@code eddy serve} runs it (streams of the job, a state
 * directory for its ids, the publish token from {@code EDDY_PUBLISH_TOKEN}), plus a control port
 * for the fault suite: {@code GET /heap-after-gc} collects garbage and answers the heap in use.
 *
 * <p>Arguments: {@code PORT STATE_DIR}. Prints {@code ENDPOINT <port>} and {@code CONTROL <port>}
 * once listening.
 */
public final class EndpointMain {

    private EndpointMain() {}

    public static void main(String[] args) throws Exception {
        SseEndpointServer endpoint =
                SseEndpointServer.builder()
                        .port(Integer.parseInt(args[0]))
                        .stateDirectory(Path.of(args[1]))
                        .publishToken(System.getenv("EDDY_PUBLISH_TOKEN"))
                        .streams("edits-per-wiki", "top-pages", "activity")
                        .build()
                        .start();
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext(
                "/heap-after-gc",
                exchange -> {
                    byte[] body = Long.toString(heapAfterGc()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        control.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        endpoint.close();
                                    } catch (Exception e) {
                                        e.printStackTrace();
                                    }
                                    stopped.countDown();
                                }));
        System.out.println("ENDPOINT " + endpoint.port());
        System.out.println("CONTROL " + control.getAddress().getPort());
        System.out.flush();
        stopped.await();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
