package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PollStatusTest {

    @Test
    void shouldReadBackWhatItWrote() {
        PollStatus status = new PollStatus("yealink", "SIP-T46S", "66.86.0.15", "10.0.0.7", true, false, null, true,
                List.of("1001@pbx.example", "1002@pbx.example"), List.of("1003@pbx.example"));

        assertThat(PollStatus.fromQuery(status.toQuery())).isEqualTo(status);
    }

    @Test
    void shouldLeaveOutWhatThePhoneDidNotReport() {
        PollStatus status = new PollStatus("yealink", null, null, "10.0.0.7", null, null, null, null, List.of(), List.of());

        assertThat(status.toQuery()).isEqualTo("vendor=yealink&ip=10.0.0.7");
        assertThat(status.reportsState()).isFalse();
    }

    @Test
    void shouldTreatMalformedValuesAsAbsent() {
        PollStatus read = PollStatus.fromQuery("vendor=snom&dnd=maybe&registered=%zz&unknown=1");

        assertThat(read.vendor()).isEqualTo("snom");
        assertThat(read.dnd()).isNull();
        assertThat(read.registeredLines()).isEmpty();
    }
}
