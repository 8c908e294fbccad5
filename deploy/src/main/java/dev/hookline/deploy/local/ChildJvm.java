package dev.hookline.deploy.local;

import dev.hookline.deploy.HooklineException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a class of Hookline's own classpath in a child JVM, its output to a file. The child's
 * stdin stays a pipe held by this process ({@link BrokerProcessMain} watches it to stop with us).
 */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(String heap, List<String> mainAndArgs, Path output) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        command.add("-XX:MaxGCPauseMillis=20");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=classpath:hookline-broker-log4j2.xml");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            throw new HooklineException("cannot start a Java process for the broker (" + e.getMessage() + ")", e);
        }
    }

    private static String absoluteClassPath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .toList());
    }
}
