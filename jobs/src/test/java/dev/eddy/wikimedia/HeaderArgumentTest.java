package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderArgumentTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("STREAM_TOKEN", "Bearer s3cret");

    @Test
    void readsNameColonValue() {
        assertThat(parse("Authorization: Bearer x"))
                .isEqualTo(Map.entry("Authorization", "Bearer x"));
    }

    @Test
    void readsNameEqualsValueWithColonsInTheValue() {
        assertThat(parse("X-Position=a:b")).isEqualTo(Map.entry("X-Position", "a:b"));
    }

    @Test
    void takesAnEnvValueFromTheEnvironment() {
        assertThat(parse("Authorization=env:STREAM_TOKEN"))
                .isEqualTo(Map.entry("Authorization", "Bearer s3cret"));
        assertThat(parse("Authorization:env:STREAM_TOKEN"))
                .isEqualTo(Map.entry("Authorization", "Bearer s3cret"));
    }

    @Test
    void takesAFileValueFromTheFileTrimmed(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "Bearer from-file\n");

        assertThat(parse("Authorization=file:" + token))
                .isEqualTo(Map.entry("Authorization", "Bearer from-file"));
    }

    @Test
    void anUnsetVariableIsNamedWithoutAnyValue() {
        assertThatThrownBy(() -> parse("Authorization=env:MISSING_TOKEN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--header Authorization: the environment variable MISSING_TOKEN is not set");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("Authorization=file:" + dir.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--header Authorization: cannot read ");
    }

    @Test
    void aHeaderWithoutNameIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("Bearer s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void jobOptionsResolveHeaderValuesFromFiles(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "Bearer from-file");

        assertThat(
                        JobOptions.parse("--header", "Authorization=file:" + token)
                                .orElseThrow()
                                .headers())
                .containsEntry("Authorization", "Bearer from-file");
    }

    private static Map.Entry<String, String> parse(String argument) {
        return HeaderArgument.parse(argument, ENVIRONMENT::get);
    }
}
