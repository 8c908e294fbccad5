package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The gauges read when scraped, under the Prometheus names the dashboard and alerts of deploy/monitoring/ query. */
class ProcessorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessorMetrics metrics = new ProcessorMetrics(registry);

    @Test
    void shouldExportThePhonesAndTheSilentOnes() {
        metrics.bindPhones(() -> 7, () -> 3);

        assertThat(registry.scrape()).contains("\nhookline_processor_phones 7.0\n")
                .contains("\nhookline_processor_phones_silent 3.0\n");
    }

    @Test
    void shouldExportWhetherKafkaStreamsIsRunningAsItIsWhenScraped() {
        AtomicBoolean running = new AtomicBoolean(true);
        metrics.bindReady(running::get);

        assertThat(registry.scrape()).contains("\nhookline_processor_ready 1.0\n");
        running.set(false);
        assertThat(registry.scrape()).contains("\nhookline_processor_ready 0.0\n");
    }
}
