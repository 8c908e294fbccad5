package dev.hookline.processor.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryApiTest {

    @ParameterizedTest
    @CsvSource({
            "805ec0a1b2c3, 805ec0a1b2c3",
            "805EC0A1B2C3, 805ec0a1b2c3",
            "80:5e:c0:a1:b2:c3, 805ec0a1b2c3",
            "80-5E-C0-A1-B2-C3, 805ec0a1b2c3",
            "ip-10.1.2.3, ip-10.1.2.3"
    })
    void shouldAcceptADeviceIdInAnyCommonSpelling(String asked, String canonical) {
        assertThat(QueryApi.canonicalDeviceId(asked)).isEqualTo(canonical);
    }
}
