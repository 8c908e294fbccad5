package dev.hookline.bench.jmh;

import java.util.Arrays;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link FormatBenchmark} and prints one {@code RESULT} line per operation, format and
 * record: the median of its measured iterations, their range and JMH's mean. The median rather
 * than the mean because this 2-core machine is shared: another job that takes the core for part
 * of one iteration multiplies that iteration's time (2.3 to 35 µs per JSON decode within one
 * trial when it was tried), and one such iteration moves a mean of eight, not their median.
 * With JMH's GC profiler, also the bytes allocated per operation, which no other job changes.
 * Usage: FormatBenchmarkRun [JMH options, e.g. -p record=LineStatus]
 */
public final class FormatBenchmarkRun {

    private FormatBenchmarkRun() {
    }

    @SuppressWarnings("rawtypes") // JMH's secondary results are a Map<String, Result> of the raw type
    public static void main(String[] args) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args)).include(FormatBenchmark.class.getName() + "\\.")
                .addProfiler(GCProfiler.class);
        for (RunResult run : new Runner(options.build()).run()) {
            double[] iterations = run.getBenchmarkResults().stream()
                    .flatMap(fork -> fork.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
                    .sorted().toArray();
            double[] cpu = run.getBenchmarkResults().stream()
                    .flatMap(fork -> fork.getIterationResults().stream())
                    .mapToDouble(iteration -> iteration.getSecondaryResults().get("cpuNanos").getScore()
                            / iteration.getMetadata().getMeasuredOps())
                    .sorted().toArray();
            int n = iterations.length;
            String benchmark = run.getParams().getBenchmark();
            double allocated = run.getSecondaryResults().entrySet().stream()
                    .filter(result -> result.getKey().endsWith("gc.alloc.rate.norm"))
                    .mapToDouble(result -> result.getValue().getScore()).findFirst().orElse(Double.NaN);
            System.out.printf("RESULT op=%s format=%s record=%s median_ns=%.0f min_ns=%.0f max_ns=%.0f mean_ns=%.0f"
                            + " iterations=%d cpu_ns=%.0f cpu_min_ns=%.0f cpu_max_ns=%.0f alloc_bytes=%.0f%n",
                    benchmark.substring(benchmark.lastIndexOf('.') + 1), run.getParams().getParam("format"),
                    run.getParams().getParam("record"), median(iterations), iterations[0], iterations[n - 1],
                    Arrays.stream(iterations).average().orElse(Double.NaN), n, median(cpu), cpu[0], cpu[cpu.length - 1],
                    allocated);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
