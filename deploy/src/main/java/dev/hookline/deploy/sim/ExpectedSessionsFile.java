package dev.hookline.deploy.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.deploy.HooklineException;
import dev.hookline.testkit.sim.ExpectedCall;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The sessions a run should have produced, one JSON object a line (device, direction, outcome,
 * parties, call id, ...), for checking {@code call.sessions.v1} afterwards.
 */
public final class ExpectedSessionsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpectedSessionsFile() {
    }

    public static void write(Path file, List<ExpectedCall> calls) {
        List<ExpectedCall> ordered = calls.stream()
                .sorted(Comparator.comparingLong(ExpectedCall::startMillis).thenComparingInt(ExpectedCall::phone)).toList();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ExpectedCall call : ordered) {
                out.write(JSON.writeValueAsString(call));
                out.write('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new HooklineException("cannot write the expected sessions to " + file + " (" + e.getMessage()
                    + "); check --expected", e);
        }
    }
}
