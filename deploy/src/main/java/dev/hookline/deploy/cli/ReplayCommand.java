package dev.hookline.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hookline.deploy.HooklineException;
import dev.hookline.gateway.RawRecordFactory;
import dev.hookline.gateway.capture.CaptureLine;
import dev.hookline.gateway.guard.Tokens;
import dev.hookline.gateway.http.PhoneRequest;
import dev.hookline.processor.ProcessorConfig;
import dev.hookline.processor.Replayer;
import dev.hookline.schema.AvroJson;
import dev.hookline.schema.RawPhoneRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hookline replay FILE}: a capture through the processor's topology, offline, printing
 * every output record as a JSON line.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a capture (JSON lines) through the stream processor offline, no broker, and print every "
                + "output record as {\"topic\":..,\"key\":..,\"value\":{..}}.")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A capture file, e.g. one the gateway wrote.")
    Path file;

    @Mixin
    ServiceOptions service;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<RawPhoneRequest> requests = read(file);
        Map<String, Object> values = new HashMap<>(service.values(Map.of()));
        ProcessorConfig config = dev.hookline.deploy.services.ServiceSettings.load(ProcessorConfig::new, values,
                service.configFile());
        PrintWriter out = spec.commandLine().getOut();
        Replayer.replay(config, requests, line -> {
            try {
                out.println(AvroJson.MAPPER.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        out.flush();
        return 0;
    }

    /** The capture's requests as the gateway would have stored them, with ids that are the same on every run. */
    static List<RawPhoneRequest> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HooklineException("cannot read the capture " + file + " (" + e.getMessage() + ")", e);
        }
        RawRecordFactory factory = new RawRecordFactory("replay", Optional.empty(), Optional.empty(),
                List.of("Host", "Content-Type"), 512);
        List<RawPhoneRequest> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            CaptureLine line;
            try {
                line = CaptureLine.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new HooklineException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            List<PhoneRequest.Header> headers = new ArrayList<>();
            line.headers().forEach((name, value) -> headers.add(new PhoneRequest.Header(name, value)));
            PhoneRequest request = new PhoneRequest(line.method(), line.uri(), "HTTP/1.1", headers,
                    line.body() == null ? new byte[0] : line.body().getBytes(StandardCharsets.UTF_8),
                    line.src() == null ? "0.0.0.0" : line.src(), 0, line.ts().toEpochMilli());
            RawPhoneRequest raw = factory.build(request, Tokens.strip(request.path(), request.query()));
            requests.add(RawPhoneRequest.newBuilder(raw).setRequestId("capture-" + (i + 1)).build());
        }
        return requests;
    }
}
