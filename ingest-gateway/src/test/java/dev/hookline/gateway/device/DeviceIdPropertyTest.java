package dev.hookline.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Reading arbitrary request text never throws and never gives a MAC the request does not hold. */
class DeviceIdPropertyTest {

    private static final DeviceIdExtractor EXTRACTOR = DeviceIdExtractor.builtIn();

    @Provide
    Arbitrary<String> requestText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("/", "?", "&", ";", ":", "=", " = ", "%", "%3A", "%24", "+", "(", ")", "  ", ",",
                        "mac=", "MAC:", "MAC ", "Mac-Address=", "device=", "DevId ", "call_id=", "remote=sip:",
                        "$mac", "${mac}", "$(mac)", "$$MAC$$", "805ec0a1b2c3", "80:5e:c0:a1:b2:c3", "80-5E-C0-A1-B2-C3",
                        "000000000000", "111111111111", "ffffffffffff", "0004133EAE05", "Yealink", "snom", "Fanvil",
                        "Grandstream", "Aastra", "AcmePhone/1.0", "\"", "\u0000", "ü"),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF:-.").ofMaxLength(17),
                Arbitraries.strings().ofMaxLength(12));
        return pieces.list().ofMaxSize(24).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void aMacFoundIsInTheRequest(@ForAll("requestText") String path, @ForAll("requestText") String query,
            @ForAll("requestText") String userAgent) {
        DeviceId id = EXTRACTOR.resolve(path, query, userAgent, "10.0.0.1");
        if (id.source() == DeviceId.Source.SOURCE_ADDRESS) {
            assertThat(id.value()).isEqualTo("ip-10.0.0.1");
            return;
        }
        assertThat(id.value()).matches("[0-9a-f]{12}");
        assertThat(id.value().chars().distinct().count()).as("one digit repeated is a placeholder").isGreaterThan(1);
        String all = hexRun(path) + " " + hexRun(query) + " " + hexRun(userAgent);
        assertThat(all).contains(id.value());
    }

    /** The text decoded, lower-cased and without MAC separators, so a MAC in it reads as 12 hex digits. */
    private static String hexRun(String s) {
        return LenientUrlText.decode(s, 0, s.length()).toLowerCase(Locale.ROOT).replaceAll("[:.\\-]", "");
    }
}
