package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregateSettingsTest {

    @Test
    void defaultsMatchTheDesign() {
        AggregateSettings settings = AggregateSettings.defaults();

        assertThat(settings.editsPerWikiWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.topPagesWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.topPagesSlide()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.topPagesCount()).isEqualTo(10);
        assertThat(settings.activityWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsAZeroWindow() {
        assertThatThrownBy(() -> AggregateSettings.builder().activityWindow(Duration.ZERO).build())
                .hasMessage("the activity window must be positive, got PT0S");
    }

    @Test
    void rejectsNegativeLateness() {
        assertThatThrownBy(
                        () ->
                                AggregateSettings.builder()
                                        .allowedLateness(Duration.ofSeconds(-1))
                                        .build())
                .hasMessage("the allowed lateness must not be negative, got PT-1S");
    }

    @Test
    void toBuilderKeepsEveryOtherSetting() {
        AggregateSettings changed =
                AggregateSettings.builder().topPagesCount(3).build().toBuilder()
                        .updateInterval(Duration.ofSeconds(1))
                        .build();

        assertThat(changed.topPagesCount()).isEqualTo(3);
        assertThat(changed.updateInterval()).isEqualTo(Duration.ofSeconds(1));
    }
}
