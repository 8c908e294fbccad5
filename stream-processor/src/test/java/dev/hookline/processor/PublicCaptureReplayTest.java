package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.SchemaTrust;
import dev.hookline.testkit.CaptureExpectations;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public capture through the whole topology offline must give exactly the expected
 * sessions and final line states: the same rules as the replay check the project is judged by, run in
 * the build so that a regression fails it.
 */
class PublicCaptureReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void trust() {
        SchemaTrust.install();
    }

    @Test
    void shouldProduceEveryExpectedSessionAndLineStateOfThePublicCapture() throws Exception {
        List<RawPhoneRequest> requests = CaptureFixtures.publicCapture();
        List<ObjectNode> output = new ArrayList<>();
        Replayer.replay(new ProcessorConfig(Map.of()), requests, output::add);
        JsonNode expected;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/captures/calls-public.expected.json"))) {
            expected = JSON.readTree(in);
        }

        List<String> failures = CaptureExpectations.check(expected, output);

        assertThat(failures).as("differences from calls-public.expected.json").isEmpty();
    }
}
