#!/usr/bin/env bash
# JMH benchmarks of hot code paths, each beside a baseline measured in the same run:
#   NormalizerBenchmark: normalizing a raw request into a PhoneEvent vs Avro-decoding the raw record.
# Writes bench/results/jmh.md. Bounded: JMH's warm-up and measurement iterations (about 30 s per
# benchmark method). Extra arguments go to JMH (e.g. a benchmark name pattern, -f 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=bench/results/jmh.md

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
csv="$(mktemp)"
trap 'rm -f "$csv"' EXIT

java -cp "$bench_cp" org.openjdk.jmh.Main -rf csv -rff "$csv" "$@"

score() { # benchmark method -> ops/s
  awk -F, -v m="\"dev.hookline.bench.jmh.$1\"" '$1 == m {printf "%.0f", $5}' "$csv"
}
error() {
  awk -F, -v m="\"dev.hookline.bench.jmh.$1\"" '$1 == m {printf "%.0f", $6}' "$csv"
}
row() { # label method baseline-method
  local s b
  s=$(score "$2"); b=$(score "$3")
  [ -n "$s" ] || return 0
  echo "| $1 | $s ± $(error "$2") | $(awk -v s="$s" 'BEGIN {printf "%.2f", 1e6 / s}') | $(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.2f", s / b}') |"
}

{
  echo "# JMH benchmarks"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); one fork, 3 warm-up and"
  echo "5 measured iterations of 2 s each (error: JMH's 99.9% interval)."
  echo
  echo "Reproduce: \`bench/jmh.sh\`."
  echo
  echo "| what | ops/s | µs per op | ÷ baseline |"
  echo "| --- | --- | --- | --- |"
  row "baseline: Avro-decode a raw request (RawPhoneRequest)" NormalizerBenchmark.decodeRaw NormalizerBenchmark.decodeRaw
  row "normalize a raw request into a PhoneEvent (8 vendor styles in turn)" NormalizerBenchmark.normalize NormalizerBenchmark.decodeRaw
} > "$out"
cat "$out"
