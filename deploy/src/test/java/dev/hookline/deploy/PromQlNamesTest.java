package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names MonitoringMetricsIT checks are the metrics an expression reads: no function, label, keyword or variable. */
class PromQlNamesTest {

    @Test
    void shouldFindTheBucketsOfAQuantile() {
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, vendor) "
                + "(rate(hookline_dispatcher_latency_seconds_bucket{job=~\"$job\"}[$__rate_interval])))"))
                .containsExactly("hookline_dispatcher_latency_seconds_bucket");
    }

    @Test
    void shouldFindBothSidesOfARatioButNoLabelOrKeyword() {
        assertThat(PromQlNames.of("sum(rate(hookline_gateway_requests_total{status=~\"5..\"}[5m])) / "
                + "sum(rate(hookline_gateway_requests_total[5m])) > 0.05 and sum without (instance) "
                + "(rate(hookline_gateway_spooled_total[5m] offset 10m)) > 1e-3"))
                .containsExactly("hookline_gateway_requests_total", "hookline_gateway_spooled_total");
    }

    @Test
    void shouldFindBareNamesAndIgnoreGrafanaVariablesAndVectorMatching() {
        assertThat(PromQlNames.of("up{job=\"hookline-processor\"} == 0 or on (instance) group_left "
                + "hookline_processor_phones_silent / ignoring (x) hookline_processor_phones > bool ${threshold}"))
                .containsExactly("hookline_processor_phones", "hookline_processor_phones_silent", "up");
    }

    @Test
    void shouldNotTakeAnAggregationWithItsGroupingAfterItForAName() {
        assertThat(PromQlNames.of("max by (instance) (kafka_consumer_fetch_manager_records_lag_max) "
                + "+ sum(increase(hookline_processor_dead_letters_total[1h])) by (reason)"))
                .containsExactly("hookline_processor_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max");
    }
}
