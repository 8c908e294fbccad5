package dev.hookline.dispatcher.driver.yealink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.dispatcher.driver.yealink.YealinkStatusReply.Account;
import dev.hookline.dispatcher.driver.yealink.YealinkStatusReply.Forward;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class YealinkStatusReplyTest {

    /** A synthetic phonecfg reply in the layout the driver reads. */
    private static final String VECTOR_9 = """
            [Status]
            FirmwareVersion=66.86.0.15
            [Accounts]
            Account0=Enabled|1001|1001|Alice|Off|1001@10.0.0.1|
            Account1=Disabled||
            [DND]
            State=Off
            """;

    @Test
    void shouldReadTheDocumentedVector() {
        YealinkStatusReply reply = YealinkStatusReply.parse(VECTOR_9);

        assertThat(reply.firmware()).contains("66.86.0.15");
        assertThat(reply.accounts()).containsExactly(
                new Account(0, "Enabled", "1001", "1001", "Alice", "1001@10.0.0.1"),
                new Account(1, "Disabled", "", "", "", ""));
        assertThat(reply.accounts().get(0).enabled()).isTrue();
        assertThat(reply.accounts().get(1).enabled()).isFalse();
        assertThat(reply.dnd()).contains(false);
        assertThat(reply.forwardAlways()).isEmpty();
    }

    /** The layout of the fw=1 sections that third-party Yealink integrations parse. */
    @Test
    void shouldReadTheForwards() {
        YealinkStatusReply reply = YealinkStatusReply.parse("""
                [Forward_always]
                State=On
                Target=2000
                [Forward_busy]
                State=Off
                Target=
                [Forward_noanswer]
                Ringtimes=20
                State=On
                Target=3000
                """);

        assertThat(reply.forwardAlways()).contains(new Forward(true, "2000", OptionalInt.empty()));
        assertThat(reply.forwardBusy()).contains(new Forward(false, "", OptionalInt.empty()));
        assertThat(reply.forwardNoAnswer()).contains(new Forward(true, "3000", OptionalInt.of(20)));
        assertThat(reply.summary()).isEqualTo("always forward on, no-answer forward on");
    }

    @Test
    void shouldTolerateCrLfCaseSpacesCommentsAndUnknownLines() {
        YealinkStatusReply reply = YealinkStatusReply.parse("garbage before any section\r\n"
                + "[status]\r\n  firmwareversion = 108.86.0.40 \r\nModel=T46U\r\n; a comment\r\n"
                + "[Network]\r\nIP=10.0.0.5\r\n"
                + "[ACCOUNTS]\r\nAccount2=Enabled|2002\r\nAccountX=bad\r\nnot a pair\r\n=novalue\r\n"
                + "[dnd]\r\nState=maybe\r\n");

        assertThat(reply.firmware()).contains("108.86.0.40");
        assertThat(reply.accounts()).containsExactly(new Account(2, "Enabled", "2002", "", "", ""));
        assertThat(reply.dnd()).isEmpty();
    }

    @Test
    void shouldKeepTheLastLineOfARepeatedAccountAndSortById() {
        YealinkStatusReply reply = YealinkStatusReply.parse(
                "[Accounts]\nAccount3=Disabled|\nAccount1=Enabled|a\nAccount3=Enabled|b\n");

        assertThat(reply.accounts()).extracting(Account::id, Account::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "a"), org.assertj.core.groups.Tuple.tuple(3, "b"));
    }

    @Test
    void shouldGiveAnEmptyReplyForAnythingElse() {
        for (String body : new String[] {"", "<html><body>Login</body></html>", "\n\n[", "[Accounts]\nAccount99999=x"}) {
            YealinkStatusReply reply = YealinkStatusReply.parse(body);
            assertThat(reply.firmware()).isEmpty();
            assertThat(reply.accounts()).isEmpty();
            assertThat(reply.summary()).isEqualTo("no status fields recognized");
        }
    }
}
