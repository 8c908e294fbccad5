package dev.hookline.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpKeysTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # IPv4 as is
            10.1.2.21                               | ip-10.1.2.21
            192.168.0.157                           | ip-192.168.0.157
            ' 10.1.2.21 '                           | ip-10.1.2.21
            # IPv6: RFC 5952 canonical text, ':' written as '-'
            2001:db8::1                             | ip-2001-db8--1
            2001:DB8::1                             | ip-2001-db8--1
            2001:0db8:0000:0000:0000:0000:0000:0001 | ip-2001-db8--1
            2001:db8:0:0:0:0:0:1                    | ip-2001-db8--1
            [2001:db8::1]                           | ip-2001-db8--1
            fe80::1%eth0                            | ip-fe80--1
            [fe80::a%25]                            | ip-fe80--a
            0:0:0:0:0:0:0:1                         | ip---1
            ::1                                     | ip---1
            2001:db8:0:1:0:0:0:1                    | ip-2001-db8-0-1--1
            2001:db8:0:0:1:0:0:1                    | ip-2001-db8--1-0-0-1
            2001:db8:1:2:3:4:5:0                    | ip-2001-db8-1-2-3-4-5-0
            1::                                     | ip-1--
            ::                                      | ip---
            ::2:3:4:5:6:7:8                         | ip-0-2-3-4-5-6-7-8
            64:ff9b::10.1.2.3                       | ip-64-ff9b--a01-203
            # IPv4-mapped IPv6 (dual-stack socket, IPv4 client) is the IPv4 address
            ::ffff:10.1.2.21                        | ip-10.1.2.21
            ::FFFF:10.1.2.21                        | ip-10.1.2.21
            0:0:0:0:0:ffff:a01:215                  | ip-10.1.2.21
            # not address literals: sanitized, still key-safe
            phone-7.example                         | ip-phone-7.example
            1:2:3:4:5:6:7:8:9                       | ip-1-2-3-4-5-6-7-8-9
            1:::2                                   | ip-1---2
            10.1.2.21:5060                          | ip-10.1.2.21-5060
            'a b/c'                                 | ip-a_b_c
            ::ffff:10.1.2.256                       | ip---ffff-10.1.2.256
            """)
    void keysAreCanonicalAndKeySafe(String address, String expected) {
        assertThat(IpKeys.key(address)).isEqualTo(expected).matches("ip-[a-z0-9._-]+");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "[]"})
    void missingAddressIsUnknown(String address) {
        assertThat(IpKeys.key(address)).isEqualTo(IpKeys.UNKNOWN).isEqualTo("ip-unknown");
    }
}
