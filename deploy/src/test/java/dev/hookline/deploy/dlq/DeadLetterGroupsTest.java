package dev.hookline.deploy.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterGroupsTest {

    @Test
    void groupsByCodeAndShapeLargestFirstWithTheFirstExample() {
        DeadLetterGroups groups = new DeadLetterGroups();
        groups.add(letter("UNKNOWN_EVENT", "/cti/ph_ringing.asp", "callerid=1002", 1));
        groups.add(letter("UNKNOWN_EVENT", "/cti/ph_ringing.asp", "callerid=2002", 3));
        groups.add(letter("UNKNOWN_EVENT", "/cti/ph_ringing.asp", "callerid=3002", 2));
        groups.add(letter("NO_EVENT", "/cti/ph_ringing.asp", "callerid=4002", 4));
        groups.add(letter("UNKNOWN_EVENT", "/x", null, 5));

        assertThat(groups.total()).isEqualTo(5);
        assertThat(groups.size()).isEqualTo(3);
        DeadLetterGroups.Group top = groups.top(1).get(0);
        assertThat(top.count()).isEqualTo(3);
        assertThat(top.code()).isEqualTo("UNKNOWN_EVENT");
        assertThat(top.shape()).isEqualTo("GET /cti/ph_ringing.asp?callerid=");
        assertThat(top.example()).isEqualTo("/cti/ph_ringing.asp?callerid=1002");
        assertThat(top.lastAt()).isEqualTo(Instant.ofEpochSecond(3));
        assertThat(groups.top(0)).extracting(DeadLetterGroups.Group::count).containsExactly(3L, 1L, 1L);
    }

    @Test
    void neverShowsCredentialsAndCountsUndecodableRecords() {
        DeadLetterGroups groups = new DeadLetterGroups();
        groups.add(letter("UNKNOWN_EVENT", "/x", "user=1001&password=s3cret;pwd=abc&token=t0k", 1));
        DeadLetter raw = DeadLetter.newBuilder().setReason("not Avro").setErrorCode("UNDECODABLE_VALUE")
                .setFailedAt(Instant.EPOCH).setSourceTopic("phone.raw.v1").setSourcePartition(0).setSourceOffset(9)
                .setRawValue(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        groups.add(raw);

        assertThat(groups.top(0)).extracting(DeadLetterGroups.Group::example)
                .containsExactlyInAnyOrder("/x?user=1001&password=***;pwd=***&token=***", "3 bytes that are not a request");
        assertThat(groups.top(0)).extracting(DeadLetterGroups.Group::shape).contains("(undecodable record)");
    }

    private static DeadLetter letter(String code, String path, String query, long failedAtSecond) {
        return DeadLetter.newBuilder().setReason("why " + code).setErrorCode(code)
                .setFailedAt(Instant.ofEpochSecond(failedAtSecond)).setSourceTopic("phone.raw.v1")
                .setSourcePartition(0).setSourceOffset(failedAtSecond)
                .setRequest(RequestShapeTest.request(path, query)).build();
    }
}
