package dev.hookline.processor.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.EventType;
import dev.hookline.schema.PhoneEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests as real deployments write them rather than as the phones' manuals do (made-up
 * examples of each class: event words in file names, odd separators, unsubstituted variables,
 * the names sites give party fields).
 */
class NormalizerDeploymentTest {

    private static final Normalizer NORMALIZER = Normalizer.load(Optional.empty());

    private static PhoneEvent event(String uri) {
        return NormalizerCaptureTest.only(NORMALIZER.normalize(Captures.get(uri, null), null));
    }

    private static NormalizeResult.Rejected rejected(String uri) {
        NormalizeResult r = NORMALIZER.normalize(Captures.get(uri, null), null);
        assertThat(r).isInstanceOf(NormalizeResult.Rejected.class);
        return (NormalizeResult.Rejected) r;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /cti/ph_ringing.asp?mac=805ec0a1b2c3                 | INCOMING_CALL
        /cti/PH_RINGING.ASPX                                  | INCOMING_CALL
        /hooks/callAnswered                                   | ESTABLISHED
        /api/CallEnded                                        | TERMINATED
        /api/call-ended.php                                   | TERMINATED
        /ev/on-hook                                           | ON_HOOK
        /ev/OnHook.cgi                                        | ON_HOOK
        /notify?e=Call%20Ended                                | TERMINATED
        /notify?ev=hangup                                     | TERMINATED
        /events/evt_call_answered.jsp                         | ESTABLISHED
        /events/onIncomingCall                                | INCOMING_CALL
        /x/callring                                           | INCOMING_CALL
        /x/ring.html                                          | INCOMING_CALL
        /x/Disconnected                                       | TERMINATED
        /x/connected                                          | ESTABLISHED
        /x/startup.php                                        | SETUP_COMPLETED
        /x/boot                                               | SETUP_COMPLETED
        /x/regevent?regstate=registered                       | REGISTERED
        /x/regevent?RegState=failed                           | REGISTER_FAILED
        /x/registration_event?regstate=EXPIRED                | UNREGISTERED
        /pbx/phone/DNDOn                                      | DND_ON
        """)
    void eventWordInAFileNameOrPathSegment(String uri, EventType type) {
        assertThat(event(uri.strip()).getType()).isEqualTo(type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /x/not_registered
        /x/no_answer_hold
        """)
    void aNegationIsNeverDroppedFromAnEventName(String uri) {
        assertThat(rejected(uri.strip()).errorCode()).isEqualTo(Normalizer.UNKNOWN_EVENT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /hook?event=ringing;remote=2002;local=1001
        /hook?event=ringing:remote=2002:local=1001
        /hook?event = ringing&remote= 2002&local =1001&
        /hook/event=ringing&remote=2002&local=1001
        /hook/event=ringing;remote=2002;local=1001
        /hook?event=ringing&Remote-Number=2002&local=1001
        /hook?event=ringing&REMOTE_NUMBER=2002&local=1001
        """)
    void separatorsSpacesAndNameSpellings(String uri) {
        PhoneEvent e = event(uri.strip());
        assertThat(e.getType()).isEqualTo(EventType.INCOMING_CALL);
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getLocalUser()).isEqualTo("1001");
    }

    @Test
    void aSemicolonBeforeAnUnknownNameIsPartOfTheValueWhenAmpersandsSeparate() {
        PhoneEvent e = event("/hook?event=hangup&reason=SIP;cause=486;text=\"Busy Here\"&remote=2002");
        assertThat(e.getType()).isEqualTo(EventType.TERMINATED);
        assertThat(e.getAttributes()).containsEntry("reason", "SIP;cause=486;text=\"Busy Here\"").doesNotContainKey("cause");
        assertThat(e.getRemoteUser()).isEqualTo("2002");
    }

    @Test
    void separatorsInsideAQuotedValueAreContent() {
        PhoneEvent e = event("/hook?event=ringing;name=\"Smith; Jones & Co\";remote=2002");
        assertThat(e.getRemoteDisplayName()).isEqualTo("Smith; Jones & Co");
        assertThat(e.getRemoteUser()).isEqualTo("2002");
    }

    @Test
    void aSipUriKeepsItsColonAndParameters() {
        PhoneEvent e = event("/hook?event=ringing&remote=sip:2002@pbx.example;user=phone");
        assertThat(e.getRemoteUser()).isEqualTo("2002");
        assertThat(e.getRemoteHost()).isEqualTo("pbx.example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        $remote
        $$REMOTENUMBER$$
        $$REMOTENUMBER$
        ${remote}
        $(remote)
        %24remote
        %2524remote
        "$remote"
        {remote}
        {{remote}}
        %remote%
        """)
    void unsubstitutedVariablesAreAbsent(String value) {
        PhoneEvent e = event("/hook?event=ringing&remote=" + value.strip() + "&number=" + value.strip());
        assertThat(e.getRemoteUser()).isNull();
        assertThat(e.getAttributes()).doesNotContainKeys("remote", "number");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        callerID       | 2002
        caller         | 2002
        number         | 2002
        num            | 2002
        remotenumber   | 2002
        Remote-Number  | 2002
        nummer         | 2002
        phone          | +49 30 2002
        cidnumber      | 2002
        """)
    void remoteNumberUnderTheNamesDeploymentsUse(String name, String number) {
        assertThat(event("/ringing?" + name.strip() + "=" + number.strip()).getRemoteUser()).isEqualTo(number.strip());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        callerID   | Bob Smith
        callerName | Bob Smith
        name       | Bob Smith
        display    | Bob Smith
        cidname    | Bob Smith
        """)
    void remoteDisplayNameUnderTheNamesDeploymentsUse(String name, String display) {
        PhoneEvent e = event("/ringing?" + name.strip() + "=" + display.strip());
        assertThat(e.getRemoteDisplayName()).isEqualTo(display.strip());
        assertThat(e.getRemoteUser()).isNull();
    }

    @Test
    void aLineIndexIsNoAccountButALineUriIs() {
        assertThat(event("/hooks/callAnswered?caller=2002&line=2").getLocalUser()).isNull();
        assertThat(event("/hooks/callAnswered?caller=2002&line=2").getRemoteUser()).isEqualTo("2002");
        assertThat(event("/hooks/callAnswered?caller=2002&line=1001@pbx.example").getLocalUser()).isEqualTo("1001");
    }

    @Test
    void fromAndToAreTheCallingAndCalledParty() {
        PhoneEvent in = event("/evt?ev=ring&from=2002&to=1001");
        assertThat(in.getRemoteUser()).isEqualTo("2002");
        assertThat(in.getLocalUser()).isEqualTo("1001");
        PhoneEvent out = event("/evt?ev=outgoing&from=1001&to=2002");
        assertThat(out.getRemoteUser()).isEqualTo("2002");
        assertThat(out.getLocalUser()).isEqualTo("1001");
    }

    @Test
    void callerIdIsReadByItsShapeEvenWhereAVendorListsItAsTheDisplayName() {
        // yealink.json lists callerID as the remote display name; sites put a number there too.
        PhoneEvent number = event("/yealink/incoming_call?callerID=2002");
        assertThat(number.getVendor()).isEqualTo("yealink");
        assertThat(number.getRemoteUser()).isEqualTo("2002");
        assertThat(number.getRemoteDisplayName()).isNull();
        PhoneEvent name = event("/yealink/incoming_call?callerID=Bob%20Smith&remote=2002");
        assertThat(name.getRemoteUser()).isEqualTo("2002");
        assertThat(name.getRemoteDisplayName()).isEqualTo("Bob Smith");
    }

    @Test
    void calledNumberIsTheLocalPartyOfAnIncomingCallAndTheRemoteOfAnOutgoingOne() {
        PhoneEvent in = event("/ringing?calledNumber=1001&callingNumber=2002");
        assertThat(in.getLocalUser()).isEqualTo("1001");
        assertThat(in.getRemoteUser()).isEqualTo("2002");
        PhoneEvent out = event("/outgoing?calledNumber=2002&callingNumber=1001");
        assertThat(out.getLocalUser()).isEqualTo("1001");
        assertThat(out.getRemoteUser()).isEqualTo("2002");
        PhoneEvent inByParameter = event("/connected?calledNumber=1001&direction=in");
        assertThat(inByParameter.getLocalUser()).isEqualTo("1001");
        assertThat(inByParameter.getRemoteUser()).isNull();
    }

    @Test
    void withoutADirectionCalledNumberFillsNoPartyAndStaysAnAttribute() {
        PhoneEvent e = event("/connected?calledNumber=2002");
        assertThat(e.getRemoteUser()).isNull();
        assertThat(e.getLocalUser()).isNull();
        assertThat(e.getAttributes()).containsEntry("calledNumber", "2002");
    }

    @Test
    void aVendorsOwnFieldNameIsNotReadAsAnotherFieldByTheFallback() {
        // Aastra's "name" is its local party; the fallback's "name" (remote display name) must not take it.
        PhoneEvent e = event("/aastra/incoming?name=1001&remote=2002");
        assertThat(e.getLocalUser()).isEqualTo("1001");
        assertThat(e.getRemoteDisplayName()).isNull();
    }

    @Test
    void anUnreadRequestSaysWhereTheEventWasLookedFor() {
        NormalizeResult.Rejected r = rejected("/cti/ph_teleport.asp?e=beam&mac=805ec0a1b2c3&password=hunter2");
        assertThat(r.errorCode()).isEqualTo(Normalizer.UNKNOWN_EVENT);
        assertThat(r.reason()).contains("no event word found in path segments [cti, ph_teleport.asp]")
                .contains("parameters [event, action, type, evt, e, ev")
                .contains("e='beam'")
                .contains("no state parameter [regstate")
                .doesNotContain("hunter2").doesNotContain("805ec0a1b2c3");
    }

    @Test
    void aRequestWithNothingToReadSaysSo() {
        NormalizeResult.Rejected r = rejected("/?mac=805ec0a1b2c3");
        assertThat(r.errorCode()).isEqualTo(Normalizer.NO_EVENT);
        assertThat(r.reason()).contains("names no event").contains("path segments []");
    }
}
