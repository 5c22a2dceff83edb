package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceParametersTest {

    @Test
    void readsTheJvmOptionsAndDynamicPropertiesAfterLogLines() {
        ResourceParameters parameters =
                ResourceParameters.parse(
                        String.join(
                                "\n",
                                "INFO  [] - Loading configuration property: taskmanager.numberOfTaskSlots, 2",
                                "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx260046843 -Xms260046843 -XX:MaxDirectMemorySize=213070644",
                                "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.cpu.cores=2.0 -D taskmanager.memory.managed.size=315411665b",
                                ""));

        assertThat(parameters.jvmOptions())
                .containsExactly(
                        "-Xmx260046843", "-Xms260046843", "-XX:MaxDirectMemorySize=213070644");
        assertThat(parameters.dynamicProperties())
                .containsExactly(
                        "-D",
                        "taskmanager.cpu.cores=2.0",
                        "-D",
                        "taskmanager.memory.managed.size=315411665b");
    }

    @Test
    void outputWithoutResultLinesIsAnErrorShowingTheOutput() {
        assertThatThrownBy(() -> ResourceParameters.parse("Exception in thread main ..."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Exception in thread main");
    }
}
