package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void shouldEncodeEverythingButUnreservedAndTheGivenExtras() {
        assertThat(PercentEncoding.encode("+49*1#", "*")).isEqualTo("%2B49*1%23");
        assertThat(PercentEncoding.encode("a b&c;d/e?f%g\r\n", "")).isEqualTo("a%20b%26c%3Bd%2Fe%3Ff%25g%0D%0A");
        assertThat(PercentEncoding.encode("ü", "")).isEqualTo("%C3%BC");
        assertThat(PercentEncoding.encode("1006@pbx.example:5060", "@:")).isEqualTo("1006@pbx.example:5060");
    }
}
