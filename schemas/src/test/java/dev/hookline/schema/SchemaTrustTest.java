package dev.hookline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

/** Avro refuses to load untrusted classes by name; SchemaTrust makes Hookline's generated ones loadable. */
class SchemaTrustTest {

    @Test
    void shouldBuildARecordWhoseEnumFieldTakesItsDefault() {
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES"))
                .as("this test must run without Avro's trusted-packages property").isNull();
        SchemaTrust.install();

        RawPhoneRequest request = RawPhoneRequest.newBuilder()
                .setRequestId("r1").setReceivedAt(Instant.EPOCH).setGatewayId("g").setDeviceId("805ec0a1b2c3")
                .setSourceAddress("127.0.0.1").setSourcePort(1).setMethod("GET").setPath("/")
                .build();

        assertThat(request.getSource()).isEqualTo(EventSource.ACTION_URL);
    }

    @Test
    void shouldStillRefuseClassesOutsideTheGeneratedPackage() {
        SchemaTrust.install();

        ClassSecurityValidator.validate(CallOutcome.class);
        assertThatThrownBy(() -> ClassSecurityValidator.validate(java.util.ArrayList.class))
                .isInstanceOf(SecurityException.class);
    }
}
