package dev.hookline.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlFillerTest {

    @Test
    void shouldReplaceEachSpellingOfVariableAndLeaveUnknownOnesAsPhonesDo() {
        Map<String, String> values = Map.of("mac", "0a0b0c000001", "SIPUSERNAME", "1001", "call-id", "ab-1@h",
                "display_remote", "Ada Lovelace & Co");

        UrlFiller.Filled filled = UrlFiller.fill(
                "http://gw/v/e?mac=$mac&local=$$SIPUSERNAME$$&id=$call-id&name=$display_remote&x=$unknown",
                values::get);

        assertThat(filled.url()).isEqualTo(
                "http://gw/v/e?mac=0a0b0c000001&local=1001&id=ab-1@h&name=Ada%20Lovelace%20%26%20Co&x=$unknown");
        assertThat(filled.values()).containsEntry("call-id", "ab-1@h").doesNotContainKey("unknown");
    }

    @Test
    void shouldKeepSipUrisRawAsInRealCaptures() {
        assertThat(UrlFiller.encode("sip:1001@pbx.hookline.test")).isEqualTo("sip:1001@pbx.hookline.test");
        assertThat(UrlFiller.encode("Zoë")).isEqualTo("Zo%C3%AB");
    }

    @Test
    void shouldGiveEmptyValuesOutsideACallAndTheCallsValuesInOne() {
        PhoneIdentity phone = PhoneFleet.of(1, java.util.List.of(TestVendors.full("http://127.0.0.1:1")), 1).phone(0);
        CallLeg leg = new CallLeg(dev.hookline.schema.Direction.OUTBOUND, 0, "2001", "Bob", 7, "x@y");

        assertThat(VariableValues.value("remote", phone, 0, null, 0)).isEmpty();
        assertThat(VariableValues.value("call_id", phone, 0, null, 0)).isEmpty();
        assertThat(VariableValues.value("remote", phone, 0, leg, 1)).isEqualTo("sip:2001@" + PhoneFleet.PBX);
        assertThat(VariableValues.value("REMOTENUMBER", phone, 0, leg, 1)).isEqualTo("2001");
        assertThat(VariableValues.value("call_id", phone, 0, leg, 1)).isEqualTo("7");
        assertThat(VariableValues.value("call-id", phone, 0, leg, 1)).isEqualTo("x@y");
        assertThat(VariableValues.value("LINESTATE", phone, 0, leg, 1)).isEqualTo("DIALING");
        assertThat(VariableValues.value("local", phone, 0, leg, 1)).isEqualTo("sip:1000@" + PhoneFleet.PBX);
        assertThat(VariableValues.value("nr_ongoing_calls", phone, 0, leg, 2)).isEqualTo("2");
        assertThat(VariableValues.value("no_such_variable", phone, 0, leg, 1)).isNull();
    }
}
