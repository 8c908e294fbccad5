#!/usr/bin/env bash
# Processor benchmark: the same raw input (realistic Yealink call flows of 5,000 phones) consumed,
# in one run on a real broker (from `hookline local`), by a groupByKey().count() topology (the
# Kafka Streams ceiling here) and by Hookline's topology; both exactly once v2, one stream thread,
# timed from start until their committed offsets reach the end of the input.
# Writes bench/results/processor.md. Bounded: EVENTS input records (default 100000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

EVENTS="${EVENTS:-100000}"
PARTITIONS="${PARTITIONS:-3}"
RATE="${RATE:-2000}"
THREADS="${THREADS:-1}"
SECONDS_AT_RATE="${SECONDS_AT_RATE:-20}"
KAFKA_PORT=19192
out=bench/results/processor.md

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

work="$(mktemp -d)"
java -jar deploy/target/hookline.jar local --data-dir "$work/data" --kafka-port $KAFKA_PORT \
  --services none > "$work/local.log" 2>&1 &
local_pid=$!
trap 'kill $local_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 450); do grep -q "hookline local ready" "$work/local.log" && break; sleep 0.2; done

results=$(java -Dthreads="$THREADS" -cp "$bench_cp" dev.hookline.bench.ProcessorBench "localhost:$KAFKA_PORT" "$EVENTS" "$PARTITIONS" "$RATE" "$SECONDS_AT_RATE" 2>"$work/bench.log" | grep '^RESULT')
field() { echo "$results" | grep "name=$1 " | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio=$(awk -v h="$(field hookline rate)" -v c="$(field count rate)" 'BEGIN {printf "%.2f", h / c}')

{
  echo "# Processor benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; broker (\`hookline local --services none\`)"
  echo "and benchmark on this machine. $EVENTS raw records on $PARTITIONS partitions, consumed by each topology"
  echo "from the start, exactly once v2, $THREADS stream thread(s) each; time includes the application's start-up."
  echo
  echo "Reproduce: \`bench/processor.sh\` (env EVENTS, PARTITIONS, THREADS, RATE, SECONDS_AT_RATE)."
  echo
  echo "| topology | events | seconds | events/s |"
  echo "| --- | --- | --- | --- |"
  echo "| groupByKey().count() (ceiling) | $(field count events) | $(field count seconds) | $(field count rate) |"
  echo "| Hookline (normalize, dedup, calls, lines, device state) | $(field hookline events) | $(field hookline seconds) | $(field hookline rate) |"
  echo
  echo "Hookline / count: **$ratio** (target: at least 0.5)."
  echo
  echo "## Latency at a fixed load"
  echo
  echo "$(field latency rate) raw events/s (Yealink calls of 3 events on 5,000 phones) for $(field latency seconds) s on fresh"
  echo "topics, Hookline's topology alone (commit.interval.ms 100, the exactly-once default). Latency: from"
  echo "the call's last raw record being produced to its session being readable (read_committed) on"
  echo "call.sessions.v1. Sessions that ended in the first 5 s (warm-up) are not counted."
  echo
  echo "| sessions | p50 ms | p99 ms | max ms |"
  echo "| --- | --- | --- | --- |"
  echo "| $(field latency sessions) | $(field latency p50) | $(field latency p99) | $(field latency max) |"
} > "$out"
cat "$out"
