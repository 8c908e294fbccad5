package dev.hookline.bench.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testkit.sim.ExpectedCall;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the fleet hands the check, one JSON object a line in the run folder: the phones and their
 * lines, every request with the status the phone got, the calls (acknowledged or not) and the
 * commands sent.
 */
final class RunFiles {

    /** One simulated phone and the SIP users of its lines. */
    record Phone(String deviceId, String address, String vendor, List<String> lines) {
    }

    /** One request a phone sent: its source address, path and query as sent, and the status it got (0: none). */
    record Request(String source, String target, int status) {
        boolean acknowledged() {
            return status == 200;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    RunFiles(Path dir) {
        this.dir = dir;
    }

    void writePhones(Collection<Phone> phones) {
        write("phones.jsonl", phones);
    }

    List<Phone> phones() {
        return read("phones.jsonl", new TypeReference<>() { });
    }

    void writeRequests(Collection<Request> requests) {
        write("requests.jsonl", requests);
    }

    List<Request> requests() {
        return read("requests.jsonl", new TypeReference<>() { });
    }

    void writeCalls(Collection<ExpectedCall> acknowledged, Collection<ExpectedCall> unconfirmed) {
        write("calls-acknowledged.jsonl", acknowledged);
        write("calls-unconfirmed.jsonl", unconfirmed);
    }

    List<ExpectedCall> acknowledgedCalls() {
        return read("calls-acknowledged.jsonl", new TypeReference<>() { });
    }

    List<ExpectedCall> unconfirmedCalls() {
        return read("calls-unconfirmed.jsonl", new TypeReference<>() { });
    }

    void writeCommands(Collection<String> sent, Collection<String> unconfirmed) {
        write("commands-sent.jsonl", sent);
        write("commands-unconfirmed.jsonl", unconfirmed);
    }

    List<String> commandsSent() {
        return read("commands-sent.jsonl", new TypeReference<>() { });
    }

    List<String> commandsUnconfirmed() {
        return read("commands-unconfirmed.jsonl", new TypeReference<>() { });
    }

    private void write(String name, Collection<?> items) {
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
            for (Object item : items) {
                out.write(JSON.writeValueAsString(item));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    private <T> List<T> read(String name, TypeReference<T> type) {
        List<T> items = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    items.add(JSON.readValue(line, type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
        return items;
    }
}
