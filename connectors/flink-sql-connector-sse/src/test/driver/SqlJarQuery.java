import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by SqlJarITCase with Java's source launcher in a JVM whose class path is what Flink's lib/
 * holds, flink-json and the shaded connector jar: reads an SSE stream with a SQL query on a local
 * MiniCluster and prints each row.
 *
 * <p>Arguments: the stream URL, the number of rows to read.
 */
public class SqlJarQuery {

    public static void main(String[] args) throws Exception {
        System.out.println(
                "connector-base from: "
                        + Class.forName("org.apache.flink.connector.base.source.reader.SourceReaderBase")
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation());
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.executeSql(
                "CREATE TABLE changes (wiki STRING, n INT,"
                        + " event_id STRING METADATA FROM 'event-id' VIRTUAL"
                        + ") WITH ('connector' = 'sse', 'url' = '"
                        + args[0]
                        + "', 'format' = 'json')");
        int wanted = Integer.parseInt(args[1]);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> results =
                tables.executeSql("SELECT wiki, n * 10, event_id FROM changes").collect()) {
            while (rows.size() < wanted && results.hasNext()) {
                rows.add(results.next());
            }
        }
        rows.forEach(row -> System.out.println("ROW " + row));
        System.exit(0);
    }
}
