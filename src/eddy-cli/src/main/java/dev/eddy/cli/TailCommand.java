package dev.eddy.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.client.SseStreamClient;
import dev.eddy.sse.client.SseStreamException;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;
import dev.eddy.wikimedia.HeaderArgument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy tail}: prints a stream's events as JSON lines, with the connector's own client. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the events of an SSE stream as JSON lines {\"id\":…,\"event\":…,\"data\":…},",
            "reconnecting and resuming with Last-Event-ID like the Flink source does."
        })
public final class TailCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "The text/event-stream URL.")
    String url;

    @Option(
            names = "--last-event-id",
            paramLabel = "ID",
            description = "Resume after this event id.")
    String lastEventId;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Start at this ISO-8601 time (?since=).")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", description = "Exit after N events.")
    long limit = Long.MAX_VALUE;

    @Option(
            names = "--header",
            paramLabel = "K:V",
            description =
                    "A request header (repeatable); a secret value as env:VARIABLE or file:PATH.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            description = "Reconnect after this long without data (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds = 60;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        SseClientConfig.Builder config =
                SseClientConfig.builder().setIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        for (String header : headers) {
            Map.Entry<String, String> parsed;
            try {
                parsed = HeaderArgument.parse(header);
            } catch (IllegalArgumentException e) {
                err.println("eddy tail: " + e.getMessage());
                return 2;
            }
            config.setHeader(parsed.getKey(), parsed.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.setRootValueSeparator(null);
        JsonLinePrinter printer = new JsonLinePrinter(json, out, limit);
        try (SseStreamClient client =
                new SseStreamClient(
                        url, config.build(), lastEventId, since, SseConnectionObserver.NONE)) {
            while (printer.printed < limit) {
                client.poll(printer);
                json.flush();
            }
        } catch (SseStreamException e) {
            json.flush();
            err.println("eddy tail: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("eddy tail: " + e.getMessage());
            return 2;
        }
        json.flush();
        return 0;
    }

    /** Writes each event as one JSON line, up to the limit. */
    private final class JsonLinePrinter implements SseEventListener {
        private final JsonGenerator json;
        private final PrintWriter out;
        private final long limit;
        long printed;

        JsonLinePrinter(JsonGenerator json, PrintWriter out, long limit) {
            this.json = json;
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void onEvent(SseEvent event) {
            if (printed >= limit) {
                return;
            }
            try {
                json.writeStartObject();
                json.writeStringField("id", event.lastEventId());
                json.writeStringField("event", event.type());
                json.writeStringField("data", event.data());
                json.writeEndObject();
                json.flush();
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            printed++;
        }

        @Override
        public void onOversizedEvent(long sizeBytes, String prefix) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "eddy tail: skipped an event of at least "
                                    + sizeBytes
                                    + " bytes (over the size limit)");
        }
    }
}
