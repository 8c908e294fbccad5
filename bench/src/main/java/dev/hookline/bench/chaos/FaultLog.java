package dev.hookline.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The faults bench/chaos.sh injected, one a line: seconds into the run, the kind (gateway,
 * processor, dispatcher, broker) and what happened, e.g. {@code 41 broker 2 pid 1234 killed (exit 137)}.
 */
record FaultLog(List<Fault> faults) {

    record Fault(long atSecond, String kind, String detail) {
    }

    static FaultLog read(Path file) {
        try {
            return new FaultLog(Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
                    .map(FaultLog::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fault log " + file, e);
        }
    }

    static Fault parse(String line) {
        String[] parts = line.strip().split(" ", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a fault line: " + line);
        }
        return new Fault(Long.parseLong(parts[0]), parts[1], parts.length > 2 ? parts[2] : "");
    }

    Map<String, Long> byKind() {
        return faults.stream().collect(Collectors.groupingBy(Fault::kind, TreeMap::new, Collectors.counting()));
    }
}
