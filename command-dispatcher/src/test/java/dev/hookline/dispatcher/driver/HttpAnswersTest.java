package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.CommandStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpAnswersTest {

    @ParameterizedTest
    @CsvSource(nullValues = "RETRY", value = {
            "200, false, DELIVERED", "204, false, DELIVERED",
            "302, true, DELIVERED", "302, false, FAILED",
            "401, false, AUTH_FAILED", "403, true, REJECTED",
            "500, false, RETRY", "503, false, RETRY", "599, false, RETRY",
            "404, false, FAILED", "400, false, FAILED", "301, true, FAILED", "100, false, FAILED"})
    void shouldReadTheStatus(int status, boolean redirectDelivers, CommandStatus expected) {
        PhoneAnswer answer = HttpAnswers.read(status, redirectDelivers);
        assertThat(answer.status()).isEqualTo(expected);
        assertThat(answer.retryable()).isEqualTo(expected == null);
        assertThat(answer.detail()).isEqualTo("HTTP " + status);
    }
}
