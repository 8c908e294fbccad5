package dev.hookline.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MacsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # bare, any case: Yealink/Htek/Fanvil/Grandstream $mac, Snom settings mac
            805ec0a1b2c3       | 805ec0a1b2c3
            805EC0A1B2C3       | 805ec0a1b2c3
            0004133EAE05       | 0004133eae05
            805Ec0A1b2C3       | 805ec0a1b2c3
            # colons: Yealink / Htek User-Agent
            80:5e:c0:a1:b2:c3  | 805ec0a1b2c3
            80:5E:C0:A1:B2:C3  | 805ec0a1b2c3
            00:15:65:4a:a9:37  | 0015654aa937
            # hyphens: Aastra/Mitel User-Agent
            00-08-5D-23-74-29  | 00085d237429
            80-5e-c0-a1-b2-c3  | 805ec0a1b2c3
            # dots, groups of 2 and of 4; groups of 6
            80.5e.c0.a1.b2.c3  | 805ec0a1b2c3
            805E.C0A1.B2C3     | 805ec0a1b2c3
            805e:c0a1:b2c3     | 805ec0a1b2c3
            805ec0-a1b2c3      | 805ec0a1b2c3
            # surrounding whitespace (the Hanlong note's example arrives as '/ 001fc11a8b6c/')
            ' 001fc11a8b6c'    | 001fc11a8b6c
            '805ec0a1b2c3  '   | 805ec0a1b2c3
            # first and last usable addresses
            000000000001       | 000000000001
            fffffffffffe       | fffffffffffe
            """)
    void normalizesEveryAcceptedShape(String text, String expected) {
        assertThat(Macs.normalize(text)).contains(expected);
        assertThat(Macs.isDeviceId(expected)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
        // unsubstituted variables (a phone sends the variable's name when it has no value; Aastra's $$VAR$$)
        "$mac", "$MAC", "$$MAC$$", "${mac}", "%24mac",
        // all-zero and broadcast
        "000000000000", "00:00:00:00:00:00", "ffffffffffff", "FFFFFFFFFFFF", "ff:ff:ff:ff:ff:ff", "FFFF.FFFF.FFFF",
        // one digit repeated: placeholders typed into templates
        "111111111111", "22:22:22:22:22:22", "AAAAAAAAAAAA", "4444.4444.4444",
        // wrong length or digits
        "805ec0a1b2c", "805ec0a1b2c3d", "805ec0a1b2cg", "80:5e:c0:a1:b2", "80:5e:c0:a1:b2:c3:d4",
        // mixed or misplaced separators
        "80:5e:c0-a1:b2:c3", "8:05e:c0:a1:b2:c3", "805e:c0a1.b2c3", "80_5e_c0_a1_b2_c3", "80 5e c0 a1 b2 c3",
        "80::5e:c0:a1:b2:c3", ":805ec0a1b2c3",
        // things that sit where MACs sit, but are not MACs
        "28.1.0.128.0.0.0", "1.1.3-u", "sip:1002@10.0.0.1", "192.168.0.157", "2001:db8::1", "MAC:805ec0a1b2c3",
        "0x805ec0a1b2c3", "805ec0a1b2c3x", "   ",
        // non-ASCII look-alikes of hex digits (fullwidth)
        "\uFF18\uFF10\uFF15ec0a1b2c3",
    })
    void rejectsNonMacs(String text) {
        assertThat(Macs.normalize(text)).isEmpty();
    }

    @Test
    void isDeviceIdWantsTheNormalizedForm() {
        assertThat(Macs.isDeviceId("805ec0a1b2c3")).isTrue();
        assertThat(Macs.isDeviceId("805EC0A1B2C3")).isFalse();
        assertThat(Macs.isDeviceId("80:5e:c0:a1:b2:c3")).isFalse();
        assertThat(Macs.isDeviceId("000000000000")).isFalse();
        assertThat(Macs.isDeviceId("ffffffffffff")).isFalse();
        assertThat(Macs.isDeviceId("ip-10.1.2.3")).isFalse();
        assertThat(Macs.isDeviceId(null)).isFalse();
    }
}
