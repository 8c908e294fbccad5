package dev.hookline.gateway.device;

import dev.hookline.service.Macs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.gateway.device.DeviceId.Source;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdExtractorTest {

    private static final String SRC = "10.1.2.21";
    private static final String IP = "ip-10.1.2.21";
    private static final String MAC = "805ec0a1b2c3";

    /** The extractor of the built-in vendor descriptors, as a gateway without a vendor folder has. */
    private static final DeviceIdExtractor EXTRACTOR = DeviceIdExtractor.builtIn();

    private static final String YEALINK_UA = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:fe:ea:cb";
    private static final String SNOM_UA = "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)";

    /** Splits a request target as the gateway sees it: path, and the query (null without '?'). */
    private static DeviceId resolveTarget(String target, String userAgent, String src) {
        int q = target.indexOf('?');
        return q < 0
                ? EXTRACTOR.resolve(target, null, userAgent, src)
                : EXTRACTOR.resolve(target.substring(0, q), target.substring(q + 1), userAgent, src);
    }

    // --- the public capture (stream-processor/src/test/resources/captures/calls-public.jsonl) -----

    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("10.1.68.74",
                        "/snom/log_on?mac=0004133EAE05&local=sip:1035@pbx.example&remote=&display_remote=&call-id=&nr=0",
                        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)", "0004133eae05"),
                Arguments.of("10.1.126.109",
                        "/incomingcall/yealink?device=805ec0feeacb&local=sip:1019@pbx.example&remote=sip:4684@pbx.example&displayremote=Dan",
                        "Yealink SIP-T46S 66.86.0.15 80:5e:c0:fe:ea:cb", "805ec0feeacb"),
                Arguments.of("10.1.150.103",
                        "/yealink/off_hook?mac=805ec0a3bd04&ip=10.1.150.103&model=SIP-T46S&firmware=66.86.0.15&local=sip:1007@pbx.example&remote=&display_remote=&call_id=",
                        "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a3:bd:04", "805ec0a3bd04"),
                Arguments.of("10.1.72.228",
                        "/snom/incoming?mac=0004139CA818&local=sip:1031@pbx.example&remote=sip:9440@pbx.example&display_remote=&call-id=h0ld884@pbx.example&nr=0",
                        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004139CA818)", "0004139ca818"),
                Arguments.of("10.1.243.40",
                        "/yealink/call_established?mac=805ec062e6b4&ip=10.1.243.40&model=SIP-T46S&firmware=66.86.0.15&local=sip:1001@pbx.example&remote=sip:2049@pbx.example&display_remote=Bob%20Smith&call_id=7",
                        "Yealink SIP-T46S 66.86.0.15 80:5e:c0:62:e6:b4", "805ec062e6b4"),
                Arguments.of("10.1.196.144",
                        "/outgoingcall/yealink?device=805ec023deef&local=sip:1020@pbx.example&remote=sip:6896@pbx.example&displayremote=",
                        "Yealink SIP-T46S 66.86.0.15 80:5e:c0:23:de:ef", "805ec023deef"),
                Arguments.of("10.1.137.96",
                        "/snom/reg_failed?mac=0004137B4013&local=sip:1536@pbx.example&remote=&display_remote=&call-id=&nr=0",
                        "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004137B4013)", "0004137b4013"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("captures")
    void capturedRequestsAreKeyedByTheQueryMac(String src, String target, String userAgent, String expected) {
        assertThat(resolveTarget(target, userAgent, src)).isEqualTo(new DeviceId(expected, Source.QUERY));
        // The same phone without the parameter still gets the same key, from its User-Agent.
        assertThat(resolveTarget(target.substring(0, target.indexOf('?')), userAgent, src))
                .isEqualTo(new DeviceId(expected, Source.USER_AGENT));
    }

    // --- request targets as the vendors' documents show them (docs/vendors.md) -------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Phone Amego, generic notification URLs (device=$mac)
            /offhook/yealink?device=805ec0a1b2c3&local=sip:1001@pbx&model=SIP-T46S                              | 805ec0a1b2c3 | QUERY
            /incomingcall/yealink?device=805EC0A1B2C3&local=sip:1001@pbx&remote=sip:1002@pbx&displayremote=Bob    | 805ec0a1b2c3 | QUERY
            /callestablished/yealink?&device=805ec0a1b2c3&local=sip:1001@pbx                                      | 805ec0a1b2c3 | QUERY
            /logon/yealink?device=$mac&local=sip:1001@pbx                                                         | ip-10.1.2.21 | SOURCE_ADDRESS
            # Yealink administrator guide: help.xml?mac=$mac
            /help.xml?mac=805ec0a1b2c3                                                                            | 805ec0a1b2c3 | QUERY
            # Snom wiki: your_pattern1=$variable1 (no MAC variable used)
            /test.php?your_pattern1=$variable1                                                                    | ip-10.1.2.21 | SOURCE_ADDRESS
            # Hanlong UC860 note, Hanlong/Htek path-style server/$mac/$ip, with the doc's space
            '/ 001fc11a8b6c/192.168.0.157'                                                                        | 001fc11a8b6c | PATH
            /001fc11a8b6c/192.168.0.157                                                                           | 001fc11a8b6c | PATH
            /%20001fc11a8b6c/192.168.0.157                                                                        | 001fc11a8b6c | PATH
            /incoming_call/001fc11a8b6c/192.168.0.157                                                             | 001fc11a8b6c | PATH
            /incoming_call/001FC11A8B6C/192.168.0.157                                                             | 001fc11a8b6c | PATH
            # Sangoma, Supported Action URLs: help.xml?IP=$ip&user=$active_user (no MAC)
            /help.xml?IP=192.168.0.157&user=1001                                                                  | ip-10.1.2.21 | SOURCE_ADDRESS
            # Grandstream guide's scheme-less URL, no '?': 192.168.5.250/mac=$mac&display_remote=$display_remote
            /mac=c074ad2bd859&display_remote=Bob Smith                                                            | c074ad2bd859 | PATH
            /mac=c074ad2bd859&local=1001&remote=1002                                                              | c074ad2bd859 | PATH
            /mac=$mac&display_remote=$display_remote                                                              | ip-10.1.2.21 | SOURCE_ADDRESS
            # Snom: a variable in the path ends with '&' (http://host/$mac&/settings.xml)
            /0004133EAE05&/settings.xml                                                                           | 0004133eae05 | PATH
            # Aastra: no MAC variable at all
            /script.pl?number=&key=5                                                                              | ip-10.1.2.21 | SOURCE_ADDRESS
            /script.pl?name=42512                                                                                 | ip-10.1.2.21 | SOURCE_ADDRESS
            /disconnected.xml?state=INCOMING                                                                      | ip-10.1.2.21 | SOURCE_ADDRESS
            /actionuri.php?action=RegEvt&regstate=REFUSED&regcode=403                                             | ip-10.1.2.21 | SOURCE_ADDRESS
            # Yealink, made-up vector: raw space in a value, upper-case MAC possible
            /ev?e=in&mac=805ec0a1b2c3&remote=sip:1002@10.0.0.1&dr=Bob Smith&cid=3&u=1001&dir=in&dur=0            | 805ec0a1b2c3 | QUERY
            /ev?e=in&mac=805EC0A1B2C3&remote=sip:1002@10.0.0.1&dr=Bob+Smith&cid=3&u=1001&dir=in&dur=0            | 805ec0a1b2c3 | QUERY
            # Snom, documented shape without a MAC
            /snom/incoming?remote=sip:1002@pbx&local=sip:1001@pbx&call_id=a84b4c76e66710&nr=1                    | ip-10.1.2.21 | SOURCE_ADDRESS
            """)
    void seedsAndVendorVectors(String target, String expected, Source source) {
        assertThat(resolveTarget(target, null, SRC)).isEqualTo(new DeviceId(expected, source));
    }

    // --- User-Agent: every vendor's format, labelled with the descriptor that reads it ------------

    static Stream<Arguments> userAgents() {
        return Stream.of(
                // Yealink: lower-case, colons, last
                Arguments.of("yealink", "Yealink SIP-T46G 28.72.0.1 00:15:65:4a:a9:37", "0015654aa937"),
                Arguments.of("yealink", "Yealink SIP-T28P 2.72.14.2 00:15:65:18:72:eb", "0015651872eb"),
                Arguments.of("yealink", "Yealink SIP-T46S 66.86.0.15 80:5e:c0:fe:ea:cb", "805ec0feeacb"),
                Arguments.of("yealink", "Yealink SIP VP-T49G 51.80.0.100 00:15:65:5e:16:7c", "0015655e167c"),
                Arguments.of("yealink", "Yealink CP860 37.72.0.5 00:15:65:84:32:9d", "00156584329d"),
                Arguments.of("yealink", "Yealink W52P 25.80.0.15 00:15:65:a1:b2:c3", "001565a1b2c3"),
                Arguments.of("yealink", "Yealink SIP-T38G  38.70.0.185 00:15:65:1c:2d:3e", "0015651c2d3e"),
                Arguments.of("yealink", "Yealink SIP-T46U 108.87.14.1 00:11:22:33:44:55", "001122334455"),
                // Snom: upper-case, bare, last inside the comment; M900 lower-case
                Arguments.of("snom", "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 0004133EAE05)", "0004133eae05"),
                Arguments.of("snom", "Mozilla/4.0 (compatible; snom710-SIP 8.7.5.35 1.1.5-IFX-05.01.12 000413741767)", "000413741767"),
                Arguments.of("snom", "Mozilla/4.0 (compatible; snom370-SIP 8.7.5.48 1.1.3-u 0004132E08B4)", "0004132e08b4"),
                Arguments.of("snom", "Mozilla/4.0 (compatible; Snom M900 05.20.0001 000413b60680)", "000413b60680"),
                // Aastra/Mitel: MAC:upper-case-hyphens
                Arguments.of("aastra", "Aastra6731i MAC:00-08-5D-23-74-29 V:3.2.0.70-SIP", "00085d237429"),
                Arguments.of("aastra", "Mitel6930 MAC:14-00-E9-1E-DB-52 V:6.4.0.140-SIP", "1400e91edb52"),
                // Htek (and Hanlong, Sangoma S: same family, UA not found, assumed alike)
                Arguments.of("hanlong", "Htek UC903 2.0.4.2 00:1f:c1:1c:22:a9", "001fc11c22a9"),
                Arguments.of("hanlong", "Hanlong UC860 2.0.4.2 00:1f:c1:1a:8b:6c", "001fc11a8b6c"),
                Arguments.of("hanlong", "Hanlong UC860 2.0.4.2 001fc11a8b6c", "001fc11a8b6c"),
                Arguments.of("sangoma", "Sangoma S505 2.0.4.2 00:1f:c1:22:33:44", "001fc1223344"),
                // Fanvil: lower-case, bare, last
                Arguments.of("fanvil", "Fanvil X4 2.10.2.6887 0c383e07e16c", "0c383e07e16c"),
                Arguments.of("fanvil", "Fanvil X6U Pro 0.0.10 0c383e2cd782", "0c383e2cd782"),
                // Grandstream: after DevId
                Arguments.of("grandstream", "Grandstream Model HW GXP1628 SW 1.0.4.138 DevId c074ad2bd859", "c074ad2bd859"),
                Arguments.of("grandstream", "Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9) DevId 000b820b0ea0",
                        "000b820b0ea0"),
                // Gigaset: upper-case after ';'
                Arguments.of("gigaset", "Gigaset N720 DM PRO/70.089.00.000.000;7C2F80CA21E4", "7c2f80ca21e4"),
                Arguments.of("gigaset", "Gigaset N870 IP PRO/83.V2.11.0+build.a546b91;7C2F80E0D605", "7c2f80e0d605"),
                Arguments.of("gigaset", "N510 IP PRO/42.245.00.000.000;7C2F80123456", "7c2f80123456"),
                // no vendor rule: the generic rule takes a separated MAC
                Arguments.of("(generic)", "AcmePhone 1.0 (MAC:80-5E-C0-A1-B2-C3)", MAC),
                Arguments.of("(generic)", "SomePhone/2.1 80:5e:c0:a1:b2:c3", MAC));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("userAgents")
    void userAgentOfEveryVendor(String vendor, String userAgent, String expected) {
        assertThat(EXTRACTOR.resolve("/offhook/yealink", null, userAgent, SRC))
                .isEqualTo(new DeviceId(expected, Source.USER_AGENT));
        DeviceIdSources.UserAgentRule rule = EXTRACTOR.ruleFor(userAgent);
        assertThat(rule == null ? "(generic)" : rule.vendor()).isEqualTo(vendor);
    }

    @Test
    void everyUserAgentRuleHasAVector() {
        // A vector here, or a User-Agent example with a MAC in the vendor's descriptor
        // (UserAgentExamplesTest runs those): adding a vendor needs no test code.
        List<String> tested = java.util.stream.Stream.concat(userAgents().map(a -> (String) a.get()[0]),
                dev.hookline.vendor.VendorCatalogue.builtIn().all().stream()
                        .filter(d -> d.userAgent().examples().stream().anyMatch(e -> e.mac() != null))
                        .map(dev.hookline.vendor.VendorDescriptor::vendor)).distinct().toList();
        assertThat(tested).containsAll(
                EXTRACTOR.rules().stream()
                        .filter(r -> r.where() != DeviceIdSources.Where.NONE)
                        .map(DeviceIdSources.UserAgentRule::vendor)
                        .toList());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // old Yealink V70: version where the MAC would be
        "Yealink-T46G 28.71.0.81 28.1.0.128.0.0.0",
        // old Snom without MAC
        "Mozilla/4.0 (compatible; snom320-SIP 8.4.35 1.1.3-u)",
        // Gigaset: the MAC is optional
        "N510 IP PRO/42.245.00.000.000",
        "Gigaset N870 IP PRO/83.V2.11.0+build.a546b91",
        // Polycom: no MAC in the UA (the MAC is in the POST body)
        "FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application",
        "FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application 80:5e:c0:a1:b2:c3",
        // Grandstream whose DevId is missing: the bare hex elsewhere is not taken
        "Grandstream Model HW GXP1628 SW 1.0.4.138 c074ad2bd859x",
        // unknown UAs: a bare 12-hex token may be a hash or serial number
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "AcmePhone 1.0 build a546b91c0d2e",
        "Yealink SIP-T46S 66.86.0.15 00:00:00:00:00:00",
        "Yealink SIP-T46S 66.86.0.15 ff:ff:ff:ff:ff:ff",
        "Yealink SIP-T46S 66.86.0.15 $mac",
        "",
    })
    void userAgentsWithoutAMacGiveNone(String userAgent) {
        assertThat(EXTRACTOR.fromUserAgent(userAgent)).isEmpty();
        assertThat(EXTRACTOR.deviceId("/offhook/yealink", "local=sip:1001@pbx", userAgent, SRC)).isEqualTo(IP);
    }

    // --- query parameters: spellings, separators, encodings -------------------------------------

    @ParameterizedTest(name = "[{index}] ?{0}")
    @ValueSource(strings = {
        // names (DeviceIdSources.MAC_PARAMETER_NAMES), any case and spelling
        "mac=805ec0a1b2c3", "MAC=805ec0a1b2c3", "Mac=805ec0a1b2c3", "device=805ec0a1b2c3", "DEVICE=805ec0a1b2c3",
        "phone_mac=805ec0a1b2c3", "phoneMac=805ec0a1b2c3", "mac_address=805ec0a1b2c3", "macaddress=805ec0a1b2c3",
        "MACAddress=805ec0a1b2c3", "mac-address=805ec0a1b2c3", "macaddr=805ec0a1b2c3", "deviceid=805ec0a1b2c3",
        "device_id=805ec0a1b2c3", "deviceId=805ec0a1b2c3", "DevId=805ec0a1b2c3", "device_mac=805ec0a1b2c3",
        "mac%5Faddress=805ec0a1b2c3", "m%61c=805ec0a1b2c3",
        // value shapes and cases
        "mac=805EC0A1B2C3", "mac=80:5E:C0:A1:B2:C3", "mac=80:5e:c0:a1:b2:c3", "mac=805E.C0A1.B2C3",
        "mac=80-5e-c0-a1-b2-c3", "mac=80.5e.c0.a1.b2.c3", "mac=805ec0-a1b2c3",
        // percent-encoded separators and spaces
        "mac=80%3A5e%3Ac0%3Aa1%3Ab2%3Ac3", "mac=80%3a5E%3aC0%3aA1%3aB2%3ac3", "mac=80%2D5e%2Dc0%2Da1%2Db2%2Dc3",
        "mac=%38%30%35%65c0a1b2c3", "mac=%20805ec0a1b2c3%20", "mac=+805ec0a1b2c3+", "mac=805ec0a1b2c3%0A",
        // among other parameters, after junk
        "e=in&mac=805ec0a1b2c3&remote=sip:1002@10.0.0.1", "&&mac=805ec0a1b2c3&&", "flag&mac=805ec0a1b2c3",
        "=x&mac=805ec0a1b2c3", "dr=Bob Smith&mac=805ec0a1b2c3", "dr=100%&mac=805ec0a1b2c3", "a=b=c&mac=805ec0a1b2c3",
        // unsubstituted or empty first: the next valid MAC parameter wins
        "mac=$mac&device=805ec0a1b2c3", "mac=&mac=805ec0a1b2c3", "mac=000000000000&mac=805ec0a1b2c3",
        "device=phone-7&mac=805ec0a1b2c3",
    })
    void macParameterInAnySpellingAndShape(String query) {
        assertThat(EXTRACTOR.resolve("/yealink/off_hook", query, null, SRC))
                .isEqualTo(new DeviceId(MAC, Source.QUERY));
    }

    @ParameterizedTest(name = "[{index}] ?{0}")
    @ValueSource(strings = {
        // unsubstituted variables and empty values mean "absent"
        "mac=$mac", "mac=$MAC", "MAC=$$MAC$$", "mac=${mac}", "mac=%24mac", "mac=", "mac", "device=$mac&local=$local",
        "mac=%20", "mac=+",
        // not device ids
        "mac=000000000000", "mac=00:00:00:00:00:00", "mac=ffffffffffff", "mac=FF:FF:FF:FF:FF:FF", "mac=805ec0a1b2c",
        "mac=805ec0a1b2c3d4", "mac=sip:1001@pbx", "mac=80:5e:c0-a1:b2:c3", "mac=805ec0a1b2c3%",
        // 12 hex digits in parameters that do not carry a MAC
        "call_id=805ec0a1b2c3", "call-id=805ec0a1b2c3", "cid=805ec0a1b2c3", "csta_id=805ec0a1b2c3",
        "remote=805ec0a1b2c3", "local=805ec0a1b2c3", "id=805ec0a1b2c3", "macro=805ec0a1b2c3", "imac=805ec0a1b2c3",
        "display_remote=80:5e:c0:a1:b2:c3", "805ec0a1b2c3", "x=mac=805ec0a1b2c3", "remote=sip:805ec0a1b2c3@pbx",
        "",
    })
    void queryWithoutAMacFallsThrough(String query) {
        assertThat(DeviceIdExtractor.fromQuery(query)).isEmpty();
        assertThat(EXTRACTOR.resolve("/yealink/off_hook", query, null, SRC))
                .isEqualTo(new DeviceId(IP, Source.SOURCE_ADDRESS));
    }

    // --- path -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /001fc11a8b6c                                  | 001fc11a8b6c
            /incoming_call/80:5E:C0:A1:B2:C3/10.0.0.7      | 805ec0a1b2c3
            /incoming_call/80%3A5e%3Ac0%3Aa1%3Ab2%3Ac3     | 805ec0a1b2c3
            /ev/mac=805EC0A1B2C3&local=1001                | 805ec0a1b2c3
            /device=805ec0a1b2c3                           | 805ec0a1b2c3
            /Phone_ActionURL&mac=805ec0a1b2c3&Command=1    | 805ec0a1b2c3
            /mac=$mac&x=1/805ec0a1b2c3                     | 805ec0a1b2c3
            # left to right: the first MAC wins
            /0004133eae05/805ec0a1b2c3                     | 0004133eae05
            """)
    void macInThePath(String path, String expected) {
        assertThat(EXTRACTOR.resolve(path, null, null, SRC)).isEqualTo(new DeviceId(expected, Source.PATH));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "/", "", "//", "/yealink/off_hook", "/incoming_call/001fc11a8b6/192.168.0.157",
        "/incoming_call/001fc11a8b6c7/192.168.0.157", "/000000000000/", "/ffffffffffff", "/call_id=805ec0a1b2c3",
        "/805ec0a1b2c3.xml", "/x805ec0a1b2c3", "/mac=$mac&local=$local", "/2001:db8::1", "/28.1.0.128.0.0.0",
    })
    void pathWithoutAMac(String path) {
        assertThat(DeviceIdExtractor.fromPath(path)).isEmpty();
        assertThat(EXTRACTOR.deviceId(path, null, null, SRC)).isEqualTo(IP);
    }

    // --- precedence: query beats path beats User-Agent beats source address ----------------------

    @Test
    void queryBeatsPathBeatsUserAgentBeatsSourceAddress() {
        String path = "/incoming_call/001fc11a8b6c/192.168.0.157";
        assertThat(EXTRACTOR.resolve(path, "mac=805ec0a1b2c3", YEALINK_UA, SRC))
                .isEqualTo(new DeviceId("805ec0a1b2c3", Source.QUERY));
        assertThat(EXTRACTOR.resolve(path, "mac=$mac", YEALINK_UA, SRC))
                .isEqualTo(new DeviceId("001fc11a8b6c", Source.PATH));
        assertThat(EXTRACTOR.resolve("/incoming_call", "mac=", YEALINK_UA, SRC))
                .isEqualTo(new DeviceId("805ec0feeacb", Source.USER_AGENT));
        assertThat(EXTRACTOR.resolve("/incoming_call", "mac=", SNOM_UA, SRC))
                .isEqualTo(new DeviceId("0004133eae05", Source.USER_AGENT));
        assertThat(EXTRACTOR.resolve("/incoming_call", "mac=", "curl/8.5.0", SRC))
                .isEqualTo(new DeviceId(IP, Source.SOURCE_ADDRESS));
        assertThat(EXTRACTOR.resolve("/incoming_call", "mac=", null, "2001:db8::1"))
                .isEqualTo(new DeviceId("ip-2001-db8--1", Source.SOURCE_ADDRESS));
    }

    @Test
    void aMacParameterInThePathDoesNotBeatTheQuery() {
        assertThat(EXTRACTOR.deviceId("/mac=0004133eae05", "device=805ec0a1b2c3", null, SRC)).isEqualTo(MAC);
    }

    @Test
    void aFullRequestTargetPassedAsThePathIsSplit() {
        assertThat(EXTRACTOR.resolve("/offhook/yealink?device=805ec0a1b2c3&local=sip:1001@pbx", null, null, SRC))
                .isEqualTo(new DeviceId(MAC, Source.QUERY));
        // a query given separately wins over the text after '?', which then is not path either
        assertThat(EXTRACTOR.resolve("/offhook?mac=0004133eae05", "device=805ec0a1b2c3", null, SRC))
                .isEqualTo(new DeviceId(MAC, Source.QUERY));
        assertThat(EXTRACTOR.resolve("/offhook?mac=0004133eae05", "", null, SRC))
                .isEqualTo(new DeviceId(IP, Source.SOURCE_ADDRESS));
    }

    @Test
    void nothingAtAll() {
        assertThat(EXTRACTOR.resolve(null, null, null, null))
                .isEqualTo(new DeviceId("ip-unknown", Source.SOURCE_ADDRESS));
        assertThat(EXTRACTOR.deviceId("", "", "", "10.0.0.7")).isEqualTo("ip-10.0.0.7");
    }

    // --- hostile input --------------------------------------------------------------------------

    static Stream<Arguments> hostileInputs() {
        int k8 = 8 * 1024;
        String ua8k = "Yealink " + "00:".repeat(k8 / 3);
        return Stream.of(
                // 8 KiB of junk, with the real MAC at the very end: still found
                Arguments.of("/", "mac=$mac&".repeat(k8 / 9) + "mac=805ec0a1b2c3", null, MAC),
                Arguments.of("/", "&".repeat(k8) + "mac=805ec0a1b2c3", null, MAC),
                Arguments.of("/", "%".repeat(k8) + "&mac=805ec0a1b2c3", null, MAC),
                Arguments.of("/", "=".repeat(k8) + "&mac=805ec0a1b2c3", null, MAC),
                Arguments.of("/", "mac".repeat(k8) + "=805ec0a1b2c3&mac=805ec0a1b2c3", null, MAC),
                Arguments.of("/x".repeat(k8 / 2) + "/805ec0a1b2c3", null, null, MAC),
                Arguments.of("/", null, "Fanvil " + "1.".repeat(k8 / 2) + " 805EC0A1B2C3", MAC),
                Arguments.of("/", null, "Mozilla/4.0 (compatible; snom" + "(".repeat(k8) + " 805EC0A1B2C3)", MAC),
                Arguments.of("/", null, "Grandstream " + "DevId ".repeat(k8 / 6) + "805ec0a1b2c3", MAC),
                // 8 KiB that names no MAC: falls back to the address
                Arguments.of("/", "mac=" + ":".repeat(k8), null, IP),
                Arguments.of("/", "mac=" + "805ec0a1b2c3".repeat(k8 / 12), null, IP),
                Arguments.of("/", "mac=" + "%3A".repeat(k8 / 3), null, IP),
                Arguments.of("/", "mac" + "_".repeat(k8) + "=805ec0a1b2c3", null, IP),
                Arguments.of("/" + "a".repeat(k8), "x" + "=".repeat(k8), ua8k, IP),
                Arguments.of("/" + "0".repeat(k8), "mac=" + "0".repeat(k8), "Mozilla/4.0 (compatible; snom " + "0".repeat(k8) + ")", IP),
                Arguments.of("/" + "/&=%".repeat(k8 / 4), "&=%+".repeat(k8 / 4), "MAC:".repeat(k8 / 4), IP),
                Arguments.of("/", null, "Yealink " + "80:5e:c0:a1:b2:c3:".repeat(k8 / 18), IP),
                Arguments.of("/", null, "gigaset".repeat(k8 / 7) + ";", IP));
    }

    @ParameterizedTest(name = "[{index}] -> {3}")
    @MethodSource("hostileInputs")
    void hostileEightKibInputs(String path, String query, String userAgent, String expected) {
        assertThat(EXTRACTOR.deviceId(path, query, userAgent, SRC)).isEqualTo(expected);
    }

    @Test
    void randomInputNeverThrowsAndAlwaysYieldsAKey() {
        Random random = new Random(20261123L);
        String alphabet = "0123456789abcdefABCDEF:-.%&=+?/ ;()$_macMACdevice\u00e9\u0000\uFF10";
        for (int round = 0; round < 5_000; round++) {
            String[] parts = new String[3];
            for (int p = 0; p < 3; p++) {
                int length = random.nextInt(p == 0 && round % 50 == 0 ? 2048 : 64);
                StringBuilder sb = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                parts[p] = sb.toString();
            }
            String id = EXTRACTOR.deviceId(parts[0], parts[1], parts[2], SRC);
            assertThat(Macs.isDeviceId(id) || id.equals(IP)).as("%s from %s", id, List.of(parts)).isTrue();
        }
    }
}
