package dev.hookline.dispatcher.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestAuthTest {

    /** RFC 2617 §3.5: the worked example. */
    private static final String RFC2617_CHALLENGE = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
            + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    private static final Credentials MUFASA_2617 = new Credentials("Mufasa", "Circle Of Life");

    /** RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256. */
    private static final String RFC7616_CHALLENGE = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
            + " algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
            + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final Credentials MUFASA_7616 = new Credentials("Mufasa", "Circle of Life");
    private static final String CNONCE_7616 = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void shouldAnswerTheRfc2617Example() {
        String header = DigestAuth.authorizationHeader(RFC2617_CHALLENGE, "GET", "/dir/index.html", MUFASA_2617,
                "0a4f113b", 1);

        assertThat(header).isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", algorithm=MD5, qop=auth,"
                + " nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void shouldAnswerTheRfc7616ExampleWithMd5() {
        String header = DigestAuth.authorizationHeader(RFC7616_CHALLENGE.formatted("MD5"), "GET", "/dir/index.html",
                MUFASA_7616, CNONCE_7616, 1);

        assertThat(header).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"")
                .contains("algorithm=MD5")
                .contains("cnonce=\"" + CNONCE_7616 + "\"");
    }

    @Test
    void shouldAnswerTheRfc7616ExampleWithSha256() {
        String header = DigestAuth.authorizationHeader(RFC7616_CHALLENGE.formatted("SHA-256"), "GET", "/dir/index.html",
                MUFASA_7616, CNONCE_7616, 1);

        assertThat(header).contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("algorithm=SHA-256");
    }

    @Test
    void shouldCountTheNonceUseInHex() {
        String header = DigestAuth.authorizationHeader(RFC2617_CHALLENGE, "GET", "/dir/index.html", MUFASA_2617,
                "0a4f113b", 26);

        assertThat(header).contains("nc=0000001a").doesNotContain("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void shouldUseTheRfc2069FormWhenTheServerOffersNoQop() {
        String header = DigestAuth.authorizationHeader(
                "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"",
                "GET", "/dir/index.html", MUFASA_2617, "ignored", 1);

        assertThat(header).isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", algorithm=MD5,"
                + " response=\"670fd8c2df070c60b045671b8b24ff02\"");
    }

    @Test
    void shouldFindTheDigestChallengeAmongOthers() {
        String header = DigestAuth.authorizationHeader("Basic realm=\"phone\", " + RFC2617_CHALLENGE, "GET",
                "/dir/index.html", MUFASA_2617, "0a4f113b", 1);

        assertThat(header).contains("response=\"6629fae49393a05397450978507c4ef1\"");
    }

    @Test
    void shouldRefuseChallengesItCannotAnswer() {
        assertThatThrownBy(() -> DigestAuth.authorizationHeader("Basic realm=\"x\"", "GET", "/", MUFASA_2617, "c", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a Digest challenge");
        assertThatThrownBy(() -> DigestAuth.authorizationHeader("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"",
                "GET", "/", MUFASA_2617, "c", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth-int");
        assertThatThrownBy(() -> DigestAuth.authorizationHeader("Digest realm=\"x\", nonce=\"n\", algorithm=MD5-sess",
                "GET", "/", MUFASA_2617, "c", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MD5-sess");
        assertThatThrownBy(() -> DigestAuth.authorizationHeader("Digest realm=\"x\"", "GET", "/", MUFASA_2617, "c", 1))
                .hasMessageContaining("nonce");
    }

    @Test
    void shouldEscapeQuotesInTheUserName() {
        String header = DigestAuth.authorizationHeader(RFC2617_CHALLENGE, "GET", "/", new Credentials("a\"b", "p"),
                "c", 1);

        assertThat(header).startsWith("Digest username=\"a\\\"b\"");
    }
}
