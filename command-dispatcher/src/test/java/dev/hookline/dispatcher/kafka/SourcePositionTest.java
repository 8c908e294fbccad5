package dev.hookline.dispatcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void shouldRoundTripThroughAHeader() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SourcePosition.HEADER, new SourcePosition(11, 123_456_789_012L).encode());

        assertThat(SourcePosition.from(headers)).contains(new SourcePosition(11, 123_456_789_012L));
    }

    @Test
    void shouldIgnoreAMissingOrMalformedHeader() {
        RecordHeaders bad = new RecordHeaders();
        bad.add(SourcePosition.HEADER, "x".getBytes(StandardCharsets.US_ASCII));

        assertThat(SourcePosition.from(new RecordHeaders())).isEmpty();
        assertThat(SourcePosition.from(bad)).isEmpty();
    }
}
