package dev.eddy.sse.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A test subscriber: reads a {@code text/event-stream} response on its own thread and collects the
 * events and comment lines it sees (a plain line reader; ids, types and single data lines are all
 * the endpoint sends).
 */
public final class TestSseSubscriber implements AutoCloseable {

    /** One received event. */
    public static final class Event {
        public final String id;
        public final String type;
        public final String data;

        Event(String id, String type, String data) {
            this.id = id;
            this.type = type;
            this.data = data;
        }

        public long numericId() {
            return Long.parseLong(id);
        }

        @Override
        public String toString() {
            return "Event{id=" + id + ", type=" + type + ", data=" + data + "}";
        }
    }

    private static final OkHttpClient CLIENT =
            new OkHttpClient.Builder()
                    .readTimeout(Duration.ZERO)
                    .retryOnConnectionFailure(false)
                    .build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final Call call;
    private volatile int status;
    private volatile String contentType;
    private volatile String errorBody;
    private volatile boolean ended;

    private TestSseSubscriber(Call call) {
        this.call = call;
        Thread reader = new Thread(this::read, "test-sse-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    public static TestSseSubscriber open(String url) {
        return open(url, Map.of());
    }

    public static TestSseSubscriber open(String url, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        return new TestSseSubscriber(CLIENT.newCall(request.build()));
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.numericId()));
        return ids;
    }

    public List<String> comments() {
        return new ArrayList<>(comments);
    }

    public List<String> retries() {
        return new ArrayList<>(retries);
    }

    /** The HTTP status once the response head arrived, else 0. */
    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public String errorBody() {
        return errorBody;
    }

    /** True once the response ended or failed. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        call.cancel();
    }

    private void read() {
        try (Response response = call.execute()) {
            contentType = response.header("Content-Type");
            if (response.code() != 200) {
                errorBody = response.body().string();
                status = response.code();
                return;
            }
            status = response.code();
            BufferedSource source = response.body().source();
            String id = null;
            String type = null;
            String data = null;
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type, data));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else if (line.startsWith("retry: ")) {
                    retries.add(line.substring(7));
                }
            }
        } catch (IOException e) {
            // the stream ended: closed by the test or disconnected by the endpoint
        } finally {
            ended = true;
        }
    }
}
