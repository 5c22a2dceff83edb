package dev.eddy.cli;

import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy replay}: serves a recording as an SSE stream on this machine until Ctrl-C. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a recording as a Server-Sent-Events stream, at any path, until Ctrl-C.",
            "FILE: JSON lines of recentchange events (.jsonl; ids derived from meta.topic,",
            "meta.partition and meta.offset) or a raw text/event-stream capture (.sse).",
            "A stream starts at the start of the recording, right after the event named by",
            "a Last-Event-ID header, or at ?since=<ISO-8601 time or epoch millis>."
        })
public final class ReplayCommand implements Callable<Integer> {

    private static final String STREAM_PATH = "/v2/stream/recentchange";

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording (.jsonl or .sse).")
    Path file;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port = 9999;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(
            names = "--rate",
            paramLabel = "N|max",
            description = "Events per second per connection, or max (default: ${DEFAULT-VALUE}).")
    String rate = "max";

    @Option(
            names = "--loop",
            description =
                    "Repeat the recording forever, shifting ids and event times so they keep increasing.")
    boolean loop;

    @Option(
            names = "--drop-every",
            paramLabel = "N",
            description = "Drop each connection after N events (fault injection; default: never).")
    int dropEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayServer.Builder builder = ReplayServer.builder().host(host).loop(loop);
        try {
            builder.port(port).dropEvery(dropEvery);
            if (rate.toLowerCase(Locale.ROOT).equals("max")) {
                builder.unlimitedRate();
            } else {
                builder.rate(parseRate(rate));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }

        Recording recording;
        try {
            recording = Recording.fromPath(file);
        } catch (IOException e) {
            err.println("eddy replay: " + e.getMessage());
            return 1;
        }
        ReplayServer server;
        try {
            server = builder.recording(recording).start();
        } catch (IOException e) {
            err.println("eddy replay: " + e.getMessage());
            return 1;
        }

        out.println(
                "Replaying "
                        + recording.size()
                        + " events at "
                        + server.url(STREAM_PATH)
                        + (loop ? " in a loop" : "")
                        + (dropEvery > 0
                                ? ", dropping connections every " + dropEvery + " events"
                                : ""));
        out.println("(any path serves the stream; Ctrl-C stops)");
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.close();
                                        err.println(
                                                "eddy replay: stopped after "
                                                        + server.eventsSent()
                                                        + " events to "
                                                        + server.connectionsAccepted()
                                                        + " connections");
                                    } catch (Exception e) {
                                        err.println("eddy replay: stopping failed: " + e);
                                    } finally {
                                        stopped.countDown();
                                    }
                                },
                                "eddy-replay-shutdown"));
        stopped.await();
        return 0;
    }

    private static double parseRate(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--rate must be a number of events per second or max, got '" + text + "'");
        }
    }
}
