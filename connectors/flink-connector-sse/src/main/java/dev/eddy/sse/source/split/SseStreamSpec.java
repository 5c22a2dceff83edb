package dev.eddy.sse.source.split;

import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.client.StreamUrls;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * One configured stream: its URL and, if the user gave one, its name ({@code name=URL}). A named
 * stream keeps its position across a change of URL; an unnamed one is known by its URL.
 */
@Internal
public final class SseStreamSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A stream name: letters, digits, '.', '_' or '-', starting with a letter or digit. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final @Nullable String name;
    private final String url;

    public SseStreamSpec(@Nullable String name, String url) {
        this.name = name;
        this.url = checkNotNull(url, "url");
    }

    /**
     * Reads {@code URL} or {@code name=URL}. A URL itself may contain '=' (in its query): the part
     * before the first '=' is a name only if it looks like one, which no URL does (it has a ':').
     */
    public static SseStreamSpec parse(String spec) {
        checkNotNull(spec, "stream");
        int equals = spec.indexOf('=');
        if (equals > 0 && NAME.matcher(spec.substring(0, equals)).matches()) {
            String url = spec.substring(equals + 1);
            StreamUrls.parse(url);
            return new SseStreamSpec(spec.substring(0, equals), url);
        }
        StreamUrls.parse(spec);
        return new SseStreamSpec(null, spec);
    }

    public @Nullable String name() {
        return name;
    }

    public String url() {
        return url;
    }

    /** True if a split of this name (null: unnamed) and URL reads this stream. */
    public boolean isReadBy(@Nullable String splitName, String splitUrl) {
        return splitName != null ? splitName.equals(name) : splitUrl.equals(url);
    }

    /** For logs and errors: the name and the URL with credentials masked. */
    @Override
    public String toString() {
        String shown = StreamUrls.redact(url);
        return name == null ? shown : name + "=" + shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseStreamSpec
                && Objects.equals(name, ((SseStreamSpec) o).name)
                && url.equals(((SseStreamSpec) o).url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url);
    }
}
