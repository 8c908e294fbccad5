package dev.hookline.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Device ids of requests as real deployments write them (made-up examples of each class). */
class DeviceIdDeploymentTest {

    private static final DeviceIdExtractor EXTRACTOR = DeviceIdExtractor.builtIn();
    private static final String SRC = "10.1.2.21";

    private static DeviceId resolve(String target, String userAgent) {
        int q = target.indexOf('?');
        return q < 0 ? EXTRACTOR.resolve(target, null, userAgent, SRC)
                : EXTRACTOR.resolve(target.substring(0, q), target.substring(q + 1), userAgent, SRC);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /hook?event=ringing;mac=805ec0a1b2c3;remote=2002          | QUERY
        /hook?event=ringing:mac=805EC0A1B2C3:remote=2002          | QUERY
        /hook?event=ringing:mac=80:5e:c0:a1:b2:c3:remote=2002     | QUERY
        /hook?mac = 805ec0a1b2c3&remote=2002                      | QUERY
        /hook?Mac-Address =80-5E-C0-A1-B2-C3&                     | QUERY
        /hook/event=ringing;mac=805ec0a1b2c3                      | PATH
        /hook/event=ringing:mac=805ec0a1b2c3                      | PATH
        /hook/805ec0a1b2c3;x                                      | PATH
        """)
    void macParameterWithOtherSeparatorsAndSpaces(String target, DeviceId.Source source) {
        assertThat(resolve(target.strip(), null)).isEqualTo(new DeviceId("805ec0a1b2c3", source));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        AcmePhone 1.0 MAC:805EC0A1B2C3
        AcmePhone 1.0 MAC: 80-5E-C0-A1-B2-C3
        AcmePhone 1.0 MAC 805ec0a1b2c3
        AcmePhone 1.0 mac=805ec0a1b2c3
        AcmePhone/1.0 (805EC0A1B2C3)
        AcmePhone/1.0 ( 805ec0a1b2c3 )
        AcmePhone/1.0 (80:5e:c0:a1:b2:c3)
        AcmePhone 1.0  80:5E:C0:A1:B2:C3
        Acme Phone X 1.0 build 7 80-5e-c0-a1-b2-c3
        """)
    void anUnknownUserAgentGivesAMacItLabelsOrEndsWithInParentheses(String ua) {
        assertThat(resolve("/hook", ua.strip())).isEqualTo(new DeviceId("805ec0a1b2c3", DeviceId.Source.USER_AGENT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Fanvil X4 2.10.2.6887 0c383e07e16c           | 0c383e07e16c
        Fanvil X4  2.10.2.6887  0C383E07E16C         | 0c383e07e16c
        Grandstream Model HW GXP1628 SW 1.0.4.138 DevId C074AD2BD859 | c074ad2bd859
        Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP | 00085d237429
        Mozilla/4.0 (compatible; snom D785-SIP 10.1.54.13 0004133eae05) | 0004133eae05
        Yealink SIP-T46S 66.86.0.15 805EC0FEEACB     | 805ec0feeacb
        """)
    void brandUserAgentsInTheirFormatsAndCases(String ua, String mac) {
        assertThat(resolve("/hook", ua.strip()).value()).isEqualTo(mac.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        AcmePhone 1.0 build 805ec0a1b2c3 ready
        AcmePhone/1.0 (805ec0a1b2c3) extra
        AcmePhone/1.0 (serial 805ec0a1b2c3)
        AcmePhone 1.0 MAC:000000000000
        AcmePhone 1.0 MAC:111111111111
        AcmePhone 1.0 MAC: $mac
        AcmePhone/1.0 (FFFFFFFFFFFF)
        Fanvil X4 2.10.2.6887 $mac
        Yealink SIP-T46S 66.86.0.15 00:00:00:00:00:00
        Fanvil X4 2.10.2.6887 aaaaaaaaaaaa
        """)
    void noMacIsTakenFromAnUnlabelledTokenOrAPlaceholder(String ua) {
        assertThat(resolve("/hook", ua.strip())).isEqualTo(new DeviceId("ip-" + SRC, DeviceId.Source.SOURCE_ADDRESS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /hook?mac=111111111111&device=805ec0a1b2c3
        /hook?mac=${mac}&device=805ec0a1b2c3
        /hook?mac=$(mac)&device=805ec0a1b2c3
        /hook?mac=%24mac;device=805ec0a1b2c3
        """)
    void aPlaceholderMacParameterIsSkippedForTheNextOne(String target) {
        assertThat(resolve(target.strip(), null).value()).isEqualTo("805ec0a1b2c3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        /hook?remote=sip:805ec0a1b2c3@pbx;user=phone
        /hook?call_id=805ec0a1b2c3;reason=x
        /hook?reason=SIP;cause=486;text="805ec0a1b2c3"
        """)
    void onlyMacParametersAreRead(String target) {
        assertThat(resolve(target.strip(), null).source()).isEqualTo(DeviceId.Source.SOURCE_ADDRESS);
    }
}
