package dev.eddy.cli;

import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.client.SseStreamClient;
import dev.eddy.sse.client.SseStreamException;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

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

    @Option(names = "--last-event-id", paramLabel = "ID", description = "Resume after this event id.")
    String lastEventId;

    @Option(names = "--since", paramLabel = "TIME", description = "Start at this ISO-8601 time (?since=).")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", description = "Exit after N events.")
    long limit = Long.MAX_VALUE;

    @Option(names = "--header", paramLabel = "K:V", description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Reconnect after this long without data (default: ${DEFAULT-VALUE}).")
    long idleTimeoutSeconds = 60;

    @Override
    public Integer call() throws IOException {
        SseClientConfig.Builder config = SseClientConfig.builder().setIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                System.err.println("eddy tail: --header must look like Name:value, got '" + header + "'");
                return 2;
            }
            config.setHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        JsonGenerator json = new JsonFactory().createGenerator(stdout, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        JsonLinePrinter printer = new JsonLinePrinter(json, stdout, limit);
        try (SseStreamClient client = new SseStreamClient(url, config.build(), lastEventId, since, SseConnectionObserver.NONE)) {
            while (printer.printed < limit) {
                client.poll(printer);
                json.flush();
            }
        } catch (SseStreamException e) {
            json.flush();
            System.err.println("eddy tail: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("eddy tail: " + e.getMessage());
            return 2;
        }
        json.flush();
        return 0;
    }

    /** Writes each event as one JSON line, up to the limit. */
    private static final class JsonLinePrinter implements SseEventListener {
        private final JsonGenerator json;
        private final OutputStream out;
        private final long limit;
        long printed;

        JsonLinePrinter(JsonGenerator json, OutputStream out, long limit) {
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
            System.err.println("eddy tail: skipped an event of at least " + sizeBytes + " bytes (over the size limit)");
        }
    }
}
