package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfigDirectoryTest {

    @Test
    void writesEveryValueAsAQuotedYamlScalar(@TempDir Path directory) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("rest.port", "8081");
        config.put("execution.checkpointing.dir", "file:///data/it's here");

        FlinkConfigDirectory.write(directory, config);

        assertThat(Files.readAllLines(directory.resolve("config.yaml")))
                .contains(
                        "rest.port: '8081'",
                        "execution.checkpointing.dir: 'file:///data/it''s here'");
        assertThat(directory.resolve("log4j.properties")).content().contains("${sys:log.file}");
        assertThat(directory.resolve("log4j-cli.properties")).content().contains("${sys:log.file}");
    }
}
