package dev.hookline.deploy.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.schema.EventSource;
import dev.hookline.schema.RawPhoneRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestShapeTest {

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            /cti/ph_ringing.asp       | callerid=1002&line=1          | GET /cti/ph_ringing.asp?callerid=&line=
            /cti/ph_ringing.asp       | line=2&callerid=3003          | GET /cti/ph_ringing.asp?callerid=&line=
            /hooks/callAnswered       | NULL                          | GET /hooks/callAnswered
            /mac=805ec0a1b2c3&remote=1 | NULL                         | GET /{params}?mac=&remote=
            /ring/805ec0a1b2c3/10.0.0.7 | NULL                        | GET /ring/{value}/{value}
            /api/CallEnded            | a=1;b=x y;c                   | GET /api/CallEnded?a=&b=&c=
            /sangoma/P3705            | NULL                          | GET /sangoma/P3705
            /                         | e=Call%20Ended                | GET /?e=
            """)
    void blanksValuesAndKeepsWords(String path, String query, String shape) {
        assertThat(RequestShape.of(request(path, query))).isEqualTo(shape);
    }

    static RawPhoneRequest request(String path, String query) {
        return RawPhoneRequest.newBuilder().setRequestId("r").setReceivedAt(Instant.EPOCH).setGatewayId("gw")
                .setDeviceId("ip-10.0.0.7").setSourceAddress("10.0.0.7").setSourcePort(5060).setMethod("GET")
                .setPath(path).setQuery(query).setUserAgent("Phone 1.0").setHeaders(Map.of())
                .setSource(EventSource.ACTION_URL).build();
    }
}
