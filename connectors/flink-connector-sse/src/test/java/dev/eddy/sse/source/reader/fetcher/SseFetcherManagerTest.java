package dev.eddy.sse.source.reader.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.junit.jupiter.api.Test;

/** The reader's queue of fetched batches. */
class SseFetcherManagerTest {

    @Test
    void theQueueHoldsMoreBatchesThanFlinksDefault() {
        Configuration config = SseFetcherManager.withQueueCapacity(new Configuration());

        assertThat(config.get(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY))
                .isEqualTo(SseFetcherManager.DEFAULT_QUEUE_CAPACITY)
                .isGreaterThan(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY.defaultValue());
    }

    @Test
    void aCapacityTheJobSetsIsKept() {
        Configuration job = new Configuration();
        job.set(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY, 5);

        assertThat(
                        SseFetcherManager.withQueueCapacity(job)
                                .get(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY))
                .isEqualTo(5);
    }
}
