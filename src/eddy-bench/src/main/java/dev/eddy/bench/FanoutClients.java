package dev.eddy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * Many SSE subscribers on a few selector threads: raw non-blocking sockets that send one GET and
 * then only scan what arrives for the {@code "t":<nanoTime>} field the publisher put into each
 * record, timing publish to receipt (HdrHistogram, microseconds). Client {@code i} connects to
 * endpoint {@code i % endpoints} from 127.0.0.(1 + i / 25,000), so counts beyond one address's
 * ephemeral ports work.
 */
final class FanoutClients implements AutoCloseable {

    private static final byte[] FIELD = "\"t\":".getBytes(StandardCharsets.US_ASCII);
    private static final int CLIENTS_PER_SOURCE_ADDRESS = 25_000;

    private final List<InetSocketAddress> endpoints;
    private final List<byte[]> requests = new ArrayList<>();
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong closedByEndpoint = new AtomicLong();
    private final AtomicLong failedToConnect = new AtomicLong();
    private volatile LongUnaryOperator origin = LongUnaryOperator.identity();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureUntilNanos = Long.MAX_VALUE;

    FanoutClients(List<InetSocketAddress> endpoints, String path, int threads) throws IOException {
        this.endpoints = List.copyOf(endpoints);
        for (InetSocketAddress endpoint : endpoints) {
            requests.add(
                    ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: "
                                    + endpoint.getHostString()
                                    + ":"
                                    + endpoint.getPort()
                                    + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
        }
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop(Selector.open());
            Thread thread = new Thread(loop, "fanout-clients-" + i);
            thread.setDaemon(true);
            thread.start();
            loops.add(loop);
        }
    }

    /** Opens client {@code index}; the connection completes on a selector thread. */
    void open(int index) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        // The source ports of an earlier run's subscribers may still be in TIME_WAIT.
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(
                new InetSocketAddress("127.0.0." + (1 + index / CLIENTS_PER_SOURCE_ADDRESS), 0));
        int endpoint = index % endpoints.size();
        channel.connect(endpoints.get(endpoint));
        Loop loop = loops.get(index % loops.size());
        loop.pending.add(new Pending(channel, requests.get(endpoint)));
        loop.selector.wakeup();
    }

    /**
     * Measures latency from {@code origin.applyAsLong(stamp)} instead of the stamp itself, e.g.
     * from when the transaction that holds the record was committed.
     */
    void measureFrom(LongUnaryOperator origin) {
        this.origin = origin;
    }

    /** Counts records published in {@code [from, until)} (System.nanoTime of this JVM). */
    void measure(long fromNanos, long untilNanos) {
        measureFromNanos = fromNanos;
        measureUntilNanos = untilNanos;
    }

    long connected() {
        return connected.get();
    }

    long closedByEndpoint() {
        return closedByEndpoint.get();
    }

    long failedToConnect() {
        return failedToConnect.get();
    }

    long measuredDeliveries() {
        return loops.stream().mapToLong(loop -> loop.measured).sum();
    }

    /** The latencies in microseconds of the measured deliveries; call after closing. */
    Histogram latencies() {
        Histogram all = newHistogram();
        loops.forEach(loop -> all.add(loop.latencies));
        return all;
    }

    private static Histogram newHistogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    private static final class Pending {
        final SocketChannel channel;
        final byte[] request;

        Pending(SocketChannel channel, byte[] request) {
            this.channel = channel;
            this.request = request;
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Loop loop : loops) {
            loop.running = false;
            loop.selector.wakeup();
        }
        for (Loop loop : loops) {
            loop.stopped.await();
        }
    }

    /** What one connection has matched so far of {@code "t":<digits>}. */
    private static final class Connection {
        final byte[] request;

        Connection(byte[] request) {
            this.request = request;
        }

        boolean sawBytes;
        int matched;
        long value;
        boolean inNumber;
    }

    private final class Loop implements Runnable {
        final Selector selector;
        final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        final Histogram latencies = newHistogram();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        final java.util.concurrent.CountDownLatch stopped =
                new java.util.concurrent.CountDownLatch(1);
        volatile boolean running = true;
        volatile long measured;

        Loop(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    Pending next;
                    while ((next = pending.poll()) != null) {
                        next.channel.register(
                                selector, SelectionKey.OP_CONNECT, new Connection(next.request));
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                throw new IllegalStateException("Fan-out client loop failed", e);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    closeQuietly(key);
                }
                stopped.countDown();
            }
        }

        private void handle(SelectionKey key) {
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    channel.write(ByteBuffer.wrap(((Connection) key.attachment()).request));
                    key.interestOps(SelectionKey.OP_READ);
                } else if (key.isReadable()) {
                    read(key, channel);
                }
            } catch (IOException e) {
                Connection connection = (Connection) key.attachment();
                (connection.sawBytes ? closedByEndpoint : failedToConnect).incrementAndGet();
                closeQuietly(key);
            }
        }

        private void read(SelectionKey key, SocketChannel channel) throws IOException {
            Connection connection = (Connection) key.attachment();
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                closedByEndpoint.incrementAndGet();
                closeQuietly(key);
                return;
            }
            if (!connection.sawBytes && read > 0) {
                connection.sawBytes = true;
                connected.incrementAndGet();
            }
            long now = System.nanoTime();
            for (int i = 0; i < read; i++) {
                scan(connection, buffer.get(i), now);
            }
        }

        private void scan(Connection connection, byte b, long now) {
            if (connection.inNumber) {
                if (b >= '0' && b <= '9') {
                    connection.value = connection.value * 10 + (b - '0');
                    return;
                }
                connection.inNumber = false;
                long published = connection.value;
                if (published >= measureFromNanos && published < measureUntilNanos) {
                    latencies.recordValue(
                            Math.min(
                                    latencies.getHighestTrackableValue(),
                                    Math.max(0, (now - origin.applyAsLong(published)) / 1_000)));
                    measured++;
                }
            }
            if (b == FIELD[connection.matched]) {
                connection.matched++;
                if (connection.matched == FIELD.length) {
                    connection.matched = 0;
                    connection.inNumber = true;
                    connection.value = 0;
                }
            } else {
                connection.matched = b == FIELD[0] ? 1 : 0;
            }
        }

        private void closeQuietly(SelectionKey key) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing a socket that failed anyway
            }
        }
    }
}
