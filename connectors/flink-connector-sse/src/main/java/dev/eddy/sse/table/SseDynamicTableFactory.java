package dev.eddy.sse.table;

import static dev.eddy.sse.table.SseTableOptions.DEDUP_HORIZON;
import static dev.eddy.sse.table.SseTableOptions.DEDUP_KEY;
import static dev.eddy.sse.table.SseTableOptions.EVENT_MAX_SIZE;
import static dev.eddy.sse.table.SseTableOptions.EVENT_TYPES;
import static dev.eddy.sse.table.SseTableOptions.HTTP_CONNECT_TIMEOUT;
import static dev.eddy.sse.table.SseTableOptions.HTTP_HEADER_PREFIX;
import static dev.eddy.sse.table.SseTableOptions.HTTP_IDLE_TIMEOUT;
import static dev.eddy.sse.table.SseTableOptions.RECONNECT_BACKOFF_INITIAL;
import static dev.eddy.sse.table.SseTableOptions.RECONNECT_BACKOFF_MAX;
import static dev.eddy.sse.table.SseTableOptions.SCAN_BAD_ROWS;
import static dev.eddy.sse.table.SseTableOptions.SCAN_STARTUP_LAST_EVENT_ID;
import static dev.eddy.sse.table.SseTableOptions.SCAN_STARTUP_MODE;
import static dev.eddy.sse.table.SseTableOptions.SCAN_STARTUP_TIMESTAMP_MILLIS;
import static dev.eddy.sse.table.SseTableOptions.URL;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.SseStartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * Creates {@code 'connector' = 'sse'} table sources: validates the options of {@link
 * SseTableOptions} with messages that name the option, and discovers the format.
 */
@Internal
public final class SseDynamicTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "sse";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(URL, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                SCAN_STARTUP_MODE,
                SCAN_STARTUP_LAST_EVENT_ID,
                SCAN_STARTUP_TIMESTAMP_MILLIS,
                HTTP_CONNECT_TIMEOUT,
                HTTP_IDLE_TIMEOUT,
                RECONNECT_BACKOFF_INITIAL,
                RECONNECT_BACKOFF_MAX,
                EVENT_MAX_SIZE,
                EVENT_TYPES,
                DEDUP_KEY,
                DEDUP_HORIZON,
                SCAN_BAD_ROWS,
                FactoryUtil.SOURCE_IDLE_TIMEOUT,
                FactoryUtil.WATERMARK_EMIT_STRATEGY,
                FactoryUtil.WATERMARK_ALIGNMENT_GROUP,
                FactoryUtil.WATERMARK_ALIGNMENT_MAX_DRIFT,
                FactoryUtil.WATERMARK_ALIGNMENT_UPDATE_INTERVAL);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format =
                helper.discoverDecodingFormat(
                        DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validateExcept(HTTP_HEADER_PREFIX);
        ReadableConfig options = helper.getOptions();
        RowType physicalType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        SseSourceSettings settings =
                new SseSourceSettings(
                        urls(options),
                        HttpHeaderOptions.resolve(
                                context.getCatalogTable().getOptions(), HTTP_HEADER_PREFIX),
                        startPosition(options),
                        positive(options, HTTP_CONNECT_TIMEOUT),
                        positive(options, HTTP_IDLE_TIMEOUT),
                        positive(options, RECONNECT_BACKOFF_INITIAL),
                        backoffMax(options),
                        maxEventBytes(options),
                        options.getOptional(EVENT_TYPES).map(Set::copyOf).orElse(null),
                        dedupKey(options, physicalType),
                        dedupHorizon(options),
                        options.get(SCAN_BAD_ROWS));
        return new SseDynamicTableSource(
                context.getObjectIdentifier().asSummaryString(),
                settings,
                format,
                context.getPhysicalRowDataType());
    }

    private static List<String> urls(ReadableConfig options) {
        List<String> urls = options.get(URL);
        if (urls.isEmpty()) {
            throw new ValidationException("Option 'url' needs at least one stream URL.");
        }
        Set<String> seen = new HashSet<>();
        for (String url : urls) {
            try {
                StreamUrls.parse(url.trim());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("Option 'url': " + e.getMessage() + ".");
            }
            if (!seen.add(url.trim())) {
                throw new ValidationException(
                        "Option 'url' names the same stream twice: "
                                + StreamUrls.redact(url.trim()));
            }
        }
        return urls.stream().map(String::trim).toList();
    }

    private static SseStartPosition startPosition(ReadableConfig options) {
        SseStartupMode mode = options.get(SCAN_STARTUP_MODE);
        boolean idGiven = options.getOptional(SCAN_STARTUP_LAST_EVENT_ID).isPresent();
        boolean timeGiven = options.getOptional(SCAN_STARTUP_TIMESTAMP_MILLIS).isPresent();
        if (idGiven && mode != SseStartupMode.LAST_EVENT_ID) {
            throw onlyWith(SCAN_STARTUP_LAST_EVENT_ID, SseStartupMode.LAST_EVENT_ID, mode);
        }
        if (timeGiven && mode != SseStartupMode.TIMESTAMP) {
            throw onlyWith(SCAN_STARTUP_TIMESTAMP_MILLIS, SseStartupMode.TIMESTAMP, mode);
        }
        switch (mode) {
            case LAST_EVENT_ID:
                return SseStartPosition.afterEventId(
                        required(options, SCAN_STARTUP_LAST_EVENT_ID, mode));
            case TIMESTAMP:
                return SseStartPosition.since(
                        Instant.ofEpochMilli(
                                required(options, SCAN_STARTUP_TIMESTAMP_MILLIS, mode)));
            default:
                return SseStartPosition.latest();
        }
    }

    private static <T> T required(
            ReadableConfig options, ConfigOption<T> option, SseStartupMode mode) {
        return options.getOptional(option)
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        String.format(
                                                "Option '%s' is required when '%s' is '%s'.",
                                                option.key(), SCAN_STARTUP_MODE.key(), mode)));
    }

    private static ValidationException onlyWith(
            ConfigOption<?> option, SseStartupMode wanted, SseStartupMode mode) {
        return new ValidationException(
                String.format(
                        "Option '%s' is only used when '%s' is '%s', but it is '%s'.",
                        option.key(), SCAN_STARTUP_MODE.key(), wanted, mode));
    }

    private static Duration positive(ReadableConfig options, ConfigOption<Duration> option) {
        Duration value = options.get(option);
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' must be a positive duration such as '10 s', got '%s'.",
                            option.key(), value));
        }
        return value;
    }

    private static Duration backoffMax(ReadableConfig options) {
        Duration max = positive(options, RECONNECT_BACKOFF_MAX);
        if (max.compareTo(options.get(RECONNECT_BACKOFF_INITIAL)) < 0) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' (%s) must not be below '%s' (%s).",
                            RECONNECT_BACKOFF_MAX.key(),
                            max,
                            RECONNECT_BACKOFF_INITIAL.key(),
                            options.get(RECONNECT_BACKOFF_INITIAL)));
        }
        return max;
    }

    private static int maxEventBytes(ReadableConfig options) {
        long bytes = options.get(EVENT_MAX_SIZE).getBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' must be between 1 byte and 2 gb, got %s.",
                            EVENT_MAX_SIZE.key(), options.get(EVENT_MAX_SIZE)));
        }
        return (int) bytes;
    }

    private static RowFieldPath dedupKey(ReadableConfig options, RowType physicalType) {
        if (options.getOptional(DEDUP_KEY).isEmpty()) {
            if (options.getOptional(DEDUP_HORIZON).isPresent()) {
                throw new ValidationException(
                        String.format(
                                "Option '%s' is only used with '%s'.",
                                DEDUP_HORIZON.key(), DEDUP_KEY.key()));
            }
            return null;
        }
        RowFieldPath key =
                RowFieldPath.resolve(physicalType, options.get(DEDUP_KEY), DEDUP_KEY.key());
        if (!key.isCharacterString()) {
            throw new ValidationException(
                    String.format(
                            "Option '%s': field '%s' must be a STRING.",
                            DEDUP_KEY.key(), key.path()));
        }
        return key;
    }

    private static int dedupHorizon(ReadableConfig options) {
        int horizon = options.get(DEDUP_HORIZON);
        if (horizon < 1) {
            throw new ValidationException(
                    String.format(
                            "Option '%s' must be positive, got %d.", DEDUP_HORIZON.key(), horizon));
        }
        return horizon;
    }
}
