package dev.eddy.sse.table;

import static dev.eddy.sse.table.SsePushTableOptions.FORMAT;
import static dev.eddy.sse.table.SsePushTableOptions.KEY_FIELDS;
import static dev.eddy.sse.table.SsePushTableOptions.SINK_BATCH_SIZE;
import static dev.eddy.sse.table.SsePushTableOptions.SINK_BUFFER_CAPACITY;
import static dev.eddy.sse.table.SsePushTableOptions.SINK_LINGER;
import static dev.eddy.sse.table.SsePushTableOptions.STREAM;
import static dev.eddy.sse.table.SsePushTableOptions.TOKEN_ENV;
import static dev.eddy.sse.table.SsePushTableOptions.URL;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.logical.RowType;

/** Creates {@code 'connector' = 'sse-push'} table sinks, validating {@link SsePushTableOptions}. */
@Internal
public final class SsePushDynamicTableFactory implements DynamicTableSinkFactory {

    public static final String IDENTIFIER = "sse-push";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(URL, STREAM);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                TOKEN_ENV, KEY_FIELDS, FORMAT, SINK_BATCH_SIZE, SINK_LINGER, SINK_BUFFER_CAPACITY);
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverEncodingFormat(SerializationFormatFactory.class, FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
        int[] primaryKey = context.getPrimaryKeyIndexes();
        PushSinkSettings settings =
                new PushSinkSettings(
                        endpoint(options.get(URL)),
                        stream(options.get(STREAM)),
                        token(options.get(TOKEN_ENV)),
                        atLeastOne(options, SINK_BATCH_SIZE),
                        nonNegative(options.get(SINK_LINGER)),
                        atLeastOne(options, SINK_BUFFER_CAPACITY));
        return new SsePushDynamicTableSink(
                settings,
                format,
                context.getPhysicalRowDataType(),
                keyIndexes(options, rowType, primaryKey),
                primaryKey.length > 0);
    }

    private static String endpoint(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ValidationException(
                "Option 'url' must be the endpoint's http(s) base URL, such as"
                        + " http://127.0.0.1:8090, got '"
                        + url
                        + "'.");
    }

    private static String stream(String stream) {
        if (!stream.matches("[A-Za-z0-9._-]+")) {
            throw new ValidationException(
                    "Option 'stream' must be a stream name of letters, digits, '.', '_' or '-',"
                            + " got '"
                            + stream
                            + "'.");
        }
        return stream;
    }

    private static String token(String variable) {
        String token = EnvironmentSecrets.lookup(variable);
        if (token == null || token.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "The endpoint's publish token is read from the environment variable %s"
                                    + " (option '%s'), which is not set.",
                            variable, TOKEN_ENV.key()));
        }
        return token;
    }

    private static List<Integer> keyIndexes(
            ReadableConfig options, RowType rowType, int[] primaryKey) {
        List<String> names = rowType.getFieldNames();
        List<Integer> indexes = new ArrayList<>();
        if (options.getOptional(KEY_FIELDS).isPresent()) {
            if (names.contains("key")) {
                throw new ValidationException(
                        "Option 'key.fields' would add a \"key\" field, but the table has a column"
                                + " named 'key' already: drop one of them.");
            }
            for (String field : options.get(KEY_FIELDS)) {
                int index = names.indexOf(field);
                if (index < 0) {
                    throw new ValidationException(
                            String.format(
                                    "Option 'key.fields': there is no column '%s'; the columns are %s.",
                                    field, names));
                }
                indexes.add(index);
            }
        } else if (!names.contains("key")) {
            for (int index : primaryKey) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    private static int atLeastOne(ReadableConfig options, ConfigOption<Integer> option) {
        int value = options.get(option);
        if (value < 1) {
            throw new ValidationException(
                    String.format("Option '%s' must be positive, got %d.", option.key(), value));
        }
        return value;
    }

    private static Duration nonNegative(Duration linger) {
        if (linger.isNegative()) {
            throw new ValidationException(
                    "Option '" + SINK_LINGER.key() + "' must not be negative, got " + linger + ".");
        }
        return linger;
    }
}
