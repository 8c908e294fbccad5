package dev.hookline.dispatcher.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.dispatcher.driver.yealink.YealinkStatusReply;
import dev.hookline.schema.EventSource;
import dev.hookline.schema.PollStatus;
import dev.hookline.schema.RawPhoneRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PollRecordsTest {

    private static final PhoneTarget PHONE = new PhoneTarget("805ec0a1b2c3", "yealink", "SIP-T46S", "127.0.0.9", 80);

    @Test
    void shouldTurnAYealinkReplyIntoAPollRecordTheProcessorReads() {
        YealinkStatusReply reply = YealinkStatusReply.parse("""
                [Status]
                FirmwareVersion=66.86.0.15
                [Accounts]
                Account0=Enabled|1001|1001|Alice|Off|1001@10.0.0.1|
                Account1=Disabled|1002|1002|Bob|Off|1002@10.0.0.1|
                [DND]
                State=On
                [Forward_always]
                State=Off
                Target=
                """);

        PollStatus status = reply.toPollStatus(PHONE).orElseThrow();
        RawPhoneRequest record = PollRecords.record(PHONE, status, "poll-c1", "dispatcher-1", Instant.EPOCH);

        assertThat(record.getSource()).isEqualTo(EventSource.POLL);
        assertThat(record.getPath()).isEqualTo(PollStatus.PATH);
        PollStatus read = PollStatus.fromQuery(record.getQuery());
        assertThat(read.registeredLines()).containsExactly("1001@10.0.0.1");
        assertThat(read.unregisteredLines()).containsExactly("1002@10.0.0.1");
        assertThat(read.dnd()).isTrue();
        assertThat(read.forwardAlways()).isFalse();
        assertThat(read.firmware()).isEqualTo("66.86.0.15");
    }

    @Test
    void shouldMakeNoRecordOfAReplyThatSaysNothing() {
        assertThat(YealinkStatusReply.parse("<html>login</html>").toPollStatus(PHONE)).isEmpty();
    }
}
