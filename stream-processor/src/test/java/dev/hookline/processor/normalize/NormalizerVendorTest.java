package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.Direction;
import dev.hookline.schema.EventType;
import dev.hookline.schema.LineState;
import dev.hookline.schema.PhoneEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerVendorTest {

    private static final Normalizer NORMALIZER = Normalizer.load(Optional.empty());

    private static PhoneEvent event(String uri, String ua) {
        return NormalizerCaptureTest.only(NORMALIZER.normalize(Captures.get(uri, ua), null));
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
        /yealink/off_hook?mac=805ec0a1b2c3                       | OFF_HOOK               | yealink
        /yealink/action_url.call_established?mac=805ec0a1b2c3    | ESTABLISHED            | yealink
        /yealink/ip_change                                       | IP_CHANGED             | yealink
        /yealink/setup_autop_finish                              | AUTOPROVISION_FINISHED | yealink
        /yealink/handfree                                        | HANDSFREE              | yealink
        /yealink/held                                            | HELD                   | yealink
        /yealink/no_answer_fwd_on                                | NO_ANSWER_FORWARD_ON   | yealink
        /yealink/hook?event=OpenDnd&mac=805ec0a1b2c3             | DND_ON                 | yealink
        /offhook/yealink?device=805ec0a1b2c3&local=sip:1001@pbx  | OFF_HOOK               | yealink
        /incomingcall/yealink?device=805ec0a1b2c3                | INCOMING_CALL          | yealink
        /callterminated/yealink?device=805ec0a1b2c3              | TERMINATED             | yealink
        /logon/yealink?device=805ec0a1b2c3                       | LOG_ON                 | yealink
        /registerfailed/yealink?device=805ec0a1b2c3              | REGISTER_FAILED        | yealink
        /snom/connected?mac=000413741767                         | ESTABLISHED            | snom
        /snom/disconnected?mac=000413741767                      | TERMINATED             | snom
        /snom/redirection_on                                     | ALWAYS_FORWARD_ON      | snom
        /snom/redirection_off                                    | ALWAYS_FORWARD_OFF     | snom
        /snom/action_incoming_url                                | INCOMING_CALL          | snom
        /snom/action_reg_failed                                  | REGISTER_FAILED        | snom
        /sangoma/P3705?mac=001fc11a8b6c                          | OFF_HOOK               | sangoma
        /sangoma/p3734                                           | IP_CHANGED             | sangoma
        /sangoma/answer_new_in_call                              | ANSWER_NEW_INCOMING_CALL | sangoma
        /htek/open_dnd                                           | DND_ON                 | hanlong
        /hanlong/P3722                                           | HOLD                   | hanlong
        /aastra/offhook?local=1001&remote=                       | OFF_HOOK               | aastra
        /grandstream/P8310                                       | INCOMING_CALL          | grandstream
        /gw/ons.actionUrl.terminatedCall?product=GXP1628         | TERMINATED             | grandstream
        /fanvil/DNDOnUrl                                         | DND_ON                 | fanvil
        /ev?action=Off%20Hook&mac=805ec0a1b2c3                   | OFF_HOOK               | yealink
        /ev?action=Off%20Hook&mac=0a0b0c0d0e0f                   | OFF_HOOK               | generic
        /ev?type=CALL_WAITING_ON                                 | CALL_WAITING_ON        | generic
        """)
    void vendorSpellingMapsToCanonicalType(String uri, EventType type, String vendor) {
        PhoneEvent e = event(uri.strip(), null);
        assertThat(e.getType()).isEqualTo(type);
        assertThat(e.getVendor()).isEqualTo(vendor.strip());
    }

    @Test
    void sangomaPCodeWithoutVendorInPathIsRecognizedFromTheCode() {
        PhoneEvent e = event("/hook/P3707?mac=001fc11a8b6c&remote=sip:2001@pbx", null);
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("2001");
    }

    @Test
    void aastraEmptyValuesAreAbsentAndModelComesFromTheUserAgent() {
        PhoneEvent e = event("/aastra/incoming?local=42512&remote=&name=$$DISPLAYNAME$$&key=5",
                "Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getLocalUser()).isEqualTo("42512");
        assertThat(e.getLocalHost()).isNull();
        assertThat(e.getLine()).isEqualTo("42512");
        assertThat(e.getRemoteUser()).isNull();
        assertThat(e.getModel()).isEqualTo("Aastra6731i");
        assertThat(e.getFirmware()).isEqualTo("3.2.0.70");
        assertThat(e.getAttributes()).containsEntry("key", "5").doesNotContainKey("remote");
    }

    @Test
    void aastraRegistrationEventTakesItsOutcomeFromRegstate() {
        assertThat(event("/actionuri.php?action=RegEvt&regstate=REFUSED&regcode=403", "Mitel6930 MAC:14-00-E9-1E-DB-52 V:6.4.0.140-SIP")
                .getType()).isEqualTo(EventType.REGISTER_FAILED);
        assertThat(event("/aastra/reg?action=RegEvt&regstate=REGISTERED&regcode=001", null).getType())
                .isEqualTo(EventType.REGISTERED);
    }

    @Test
    void hanlongPathOnlyUrlWithMacAndIpSegments() {
        PhoneEvent e = event("/incoming_call/ 001fc11a8b6c/192.168.0.157", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getVendor()).isEqualTo("hanlong");
        assertThat(e.getModel()).isEqualTo("UC903");
        assertThat(e.getFirmware()).isEqualTo("2.0.4.2");
    }

    @Test
    void grandstreamValuesWrittenInThePath() {
        PhoneEvent e = event("/mac=c074ad2bd859&local=1001&remote=2002&display_remote=Bob Smith&event=incoming_call",
                "Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getVendor()).isEqualTo("grandstream");
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getRemoteDisplayName()).isEqualTo("Bob Smith");
        assertThat(e.getModel()).isEqualTo("GXP1628");
    }

    @Test
    void polycomXmlPostBody() {
        String body = "<PolycomIPPhone><IncomingCallEvent><PhoneIP>172.24.132.135</PhoneIP><MACAddress>0004f214b89e</MACAddress>"
                + "<CallingPartyName>20701</CallingPartyName><CallingPartyNumber>20701@172.18.186.94</CallingPartyNumber>"
                + "<CalledPartyName>20300</CalledPartyName><CalledPartyNumber>20300</CalledPartyNumber>"
                + "<TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp></IncomingCallEvent></PolycomIPPhone>";
        PhoneEvent e = NormalizerCaptureTest.only(NORMALIZER.normalize(Captures.request("p1", java.time.Instant.EPOCH,
                "172.24.132.135", "POST", "/polycom", "FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application", body), null));
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getVendor()).isEqualTo("polycom");
        assertThat(e.getRemoteUser()).isEqualTo("20701");
        assertThat(e.getRemoteHost()).isEqualTo("172.18.186.94");
        assertThat(e.getLocalUser()).isEqualTo("20300");
        assertThat(e.getPhoneIp()).isEqualTo("172.24.132.135");
        assertThat(e.getModel()).isEqualTo("VVX-VVX_400");
    }

    @Test
    void polycomCallStateChange() {
        String body = "<PolycomIPPhone><CallStateChangeEvent CallReference=\"0x1\" CallState=\"Connected\"><PhoneIP>1.2.3.4</PhoneIP></CallStateChangeEvent></PolycomIPPhone>";
        PhoneEvent e = NormalizerCaptureTest.only(NORMALIZER.normalize(Captures.request("p2", java.time.Instant.EPOCH,
                "1.2.3.4", "POST", "/polycom", null, body), null));
        assertThat(e.getType()).isEqualTo(EventType.ESTABLISHED);
        assertThat(e.getCallId()).isEqualTo("0x1");
    }

    @ParameterizedTest(name = "remote={0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
        sip:1002@10.0.0.1                        | 1002         | 10.0.0.1    | -
        sips:1002@pbx.example;transport=tls      | 1002         | pbx.example | -
        <sip:1002@pbx.example>                   | 1002         | pbx.example | -
        %22Bob Smith%22 <sip:1002@pbx.example>   | 1002         | pbx.example | Bob Smith
        Bob%20Smith <sip:+4930123@pbx.example;user=phone> | +4930123 | pbx.example | Bob Smith
        +4930123456                              | +4930123456  | -           | -
        tel:+4930123456                          | +4930123456  | -           | -
        0301234                                  | 0301234      | -           | -
        $remote                                  | -            | -           | -
        $$REMOTENUMBER$$                         | -            | -           | -
        sip:$remote@pbx                          | -            | -           | -
        """)
    void remotePartyForms(String remote, String user, String host, String display) {
        PhoneEvent e = event("/yealink/incoming_call?mac=805ec0a1b2c3&remote=" + remote.strip(), null);
        assertThat(e.getRemoteUser()).isEqualTo(user);
        assertThat(e.getRemoteHost()).isEqualTo(host);
        assertThat(e.getRemoteDisplayName()).isEqualTo(display);
    }

    @Test
    void lenientQuery() {
        PhoneEvent e = event("/ev?e=in&&event=incoming_call&mac=805ec0a1b2c3&remote=sip:1002@10.0.0.1&dr=Bob Smith&cid=3"
                + "&u=1001&dir=in&dur=0&flag&pct=100%&amp=a%2Bb&plus=+49", null);
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteDisplayName()).isEqualTo("Bob Smith");
        assertThat(e.getCallId()).isEqualTo("3");
        assertThat(e.getLocalUser()).isEqualTo("1001");
        assertThat(e.getLine()).isEqualTo("1001");
        assertThat(e.getAttributes()).containsEntry("pct", "100%").containsEntry("amp", "a+b")
                .containsEntry("plus", "+49").doesNotContainKey("flag");
        assertThat(e.getDirection()).as("dir=in").isEqualTo(Direction.INBOUND);
    }

    @Test
    void callHintsAreReadIntoTheirFieldsFromTheFallbacksParameterNames() {
        PhoneEvent e = event("/yealink/transfer?mac=805ec0a1b2c3&target=1050&call_direction=Outgoing&line_state=calling&x=1", null);
        assertThat(e.getTransferTarget()).isEqualTo("1050");
        assertThat(e.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(e.getLineState()).isEqualTo(LineState.CALLING);
        assertThat(e.getAttributes()).containsEntry("x", "1").doesNotContainKeys("target", "call_direction", "line_state");
        PhoneEvent in = event("/snom/incoming?dir=in&refer_to=sip:1003@pbx", null);
        assertThat(in.getDirection()).isEqualTo(Direction.INBOUND);
        assertThat(in.getTransferTarget()).isEqualTo("sip:1003@pbx");
        assertThat(in.getLineState()).isNull();
    }

    @Test
    void aastraLineStateIsReadFromItsStateVariable() {
        String ua = "Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP";
        assertThat(event("/aastra/disconnected?local=42512&state=INCOMING", ua).getLineState()).isEqualTo(LineState.INCOMING);
        assertThat(event("/aastra/disconnected?local=42512&state=connected", ua).getLineState()).isEqualTo(LineState.CONNECTED);
        // unsubstituted, or a state the correlator does not tell apart: no line state
        assertThat(event("/aastra/disconnected?local=42512&state=$$LINESTATE$$", ua).getLineState()).isNull();
        assertThat(event("/aastra/disconnected?local=42512&state=IDLE", ua).getLineState()).isNull();
        assertThat(event("/aastra/disconnected?local=42512", ua).getDirection()).isNull();
        assertThat(event("/aastra/disconnected?local=42512", ua).getTransferTarget()).isNull();
    }

    @Test
    void aVendorWithoutReadingOfItsOwnIsReadByTheFallbackAndStillReported() {
        PhoneEvent e = event("/incoming?remote=sip:2002@pbx.example&local=1001",
                "Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605");
        assertThat(e.getVendor()).isEqualTo("gigaset");
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getLocalUser()).isEqualTo("1001");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        /mitel/incoming?remote=2002    |                                                   | aastra
        /incoming?remote=2002          | Mitel6930 MAC:14-00-E9-1E-DB-52 V:6.4.0.140-SIP   | aastra
        /htek/incoming?remote=2002     |                                                   | hanlong
        /poly/incoming?remote=2002     |                                                   | polycom
        """)
    void anAliasOrTheMitelBrandIsReportedAsTheDescriptorsVendor(String uri, String ua, String vendor) {
        PhoneEvent e = event(uri, ua);
        assertThat(e.getVendor()).isEqualTo(vendor);
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
    }

    @Test
    void accountParameterGivesTheLineWhenNoLocalParty() {
        PhoneEvent e = event("/yealink/registered?mac=805ec0a1b2c3&local=$local&active_url=sip:1001@pbx.example", null);
        assertThat(e.getLine()).isEqualTo("1001@pbx.example");
        assertThat(e.getLocalUser()).isEqualTo("1001");
    }

    @Test
    void attributesAreBounded() {
        StringBuilder uri = new StringBuilder("/yealink/hold?mac=805ec0a1b2c3");
        for (int i = 0; i < 100; i++) {
            uri.append("&x").append(i).append('=').append("v".repeat(400));
        }
        PhoneEvent e = event(uri.toString(), null);
        assertThat(e.getAttributes()).hasSizeLessThanOrEqualTo(32);
        assertThat(e.getAttributes().values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(256));
    }

    @Test
    void unknownEventIsRejectedNamingIt() {
        NormalizeResult r = NORMALIZER.normalize(Captures.get("/yealink/teleport?mac=805ec0a1b2c3&password=hunter2", null), null);
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        NormalizeResult.Rejected rej = (NormalizeResult.Rejected) r;
        assertThat(rej.errorCode()).isEqualTo(Normalizer.UNKNOWN_EVENT);
        assertThat(rej.reason()).contains("teleport").contains("yealink").doesNotContain("hunter2");
    }

    @Test
    void requestWithoutEventIsRejectedWithNoEvent() {
        NormalizeResult r = NORMALIZER.normalize(Captures.get("/?mac=805ec0a1b2c3&local=sip:1@x", null), null);
        assertThat(r).isInstanceOfSatisfying(NormalizeResult.Rejected.class,
                rej -> assertThat(rej.errorCode()).isEqualTo(Normalizer.NO_EVENT));
    }

    @Test
    void replaysGiveTheSameEventId() {
        var raw = Captures.get("/yealink/on_hook?mac=805ec0a1b2c3", null);
        assertThat(event("/yealink/on_hook?mac=805ec0a1b2c3", null).getEventId())
                .isEqualTo(NormalizerCaptureTest.only(NORMALIZER.normalize(raw, null)).getEventId())
                .isEqualTo("r1-0");
    }

    @Test
    void theMacsMakerNamesTheVendorWhenNothingInTheRequestDoes() {
        // A Sangoma/Hanlong P-code with no path, User-Agent or parameter naming the vendor:
        // the OUI decides, instead of catalogue order.
        assertThat(event("/P3705?mac=005058a1b2c3", null).getVendor()).isEqualTo("sangoma");
        assertThat(event("/P3705?mac=001fc1a1b2c3", null).getVendor()).isEqualTo("hanlong");
        // Whatever names the vendor in the request beats the OUI (an OEM phone carries its maker's).
        assertThat(event("/snom/incoming?mac=805ec0a1b2c3", null).getVendor()).isEqualTo("snom");
        // An address key says nothing of the maker.
        assertThat(NORMALIZER.normalize(Captures.request("r1", java.time.Instant.parse("2026-11-23T09:00:00Z"),
                "10.0.0.9", "GET", "/ev?action=Off%20Hook", null, null), null))
                .isInstanceOfSatisfying(NormalizeResult.Normalized.class,
                        n -> assertThat(n.events().get(0).getVendor()).isEqualTo("generic"));
    }
}
