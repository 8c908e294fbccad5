#!/usr/bin/env bash
# Processor benchmark: the same raw input (realistic Yealink call flows of 5,000 phones) consumed,
# in one run on a real broker (from `hookline local`), by a groupByKey().count() topology (the
# Kafka Streams ceiling here) and by Hookline's topology; both exactly once v2, one stream thread,
# timed from start until their committed offsets reach the end of the input; ROUNDS rounds in one
# JVM (the first pays for the JIT). Then latency at a fixed load.
# Writes bench/results/processor.md. Bounded: EVENTS input records per run, RATE x SECONDS_AT_RATE.
# Arguments go to the benchmark's JVM: -Dhookline.KEY=VALUE tries a processor setting on Hookline's
# runs, e.g. bench/processor.sh -Dhookline.kafka.producer.batch.size=262144.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

EVENTS="${EVENTS:-300000}"
PARTITIONS="${PARTITIONS:-3}"
RATE="${RATE:-2000}"
THREADS="${THREADS:-1}"
ROUNDS="${ROUNDS:-3}"
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

results=$(java -Dthreads="$THREADS" -Drounds="$ROUNDS" "$@" -cp "$bench_cp" dev.hookline.bench.ProcessorBench "localhost:$KAFKA_PORT" "$EVENTS" "$PARTITIONS" "$RATE" "$SECONDS_AT_RATE" 2>"$work/bench.log" | grep '^RESULT')
line() { echo "$results" | grep "name=$1 round=$2 "; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio() { awk -v h="$1" -v c="$2" 'BEGIN {printf "%.2f", h / c}'; }
latency=$(echo "$results" | grep "name=latency ")

{
  echo "# Processor benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; broker (\`hookline local --services none\`)"
  echo "and benchmark on this machine. $EVENTS raw records (Yealink calls of 5,000 phones) on $PARTITIONS partitions,"
  echo "consumed from the start by each topology in turn, exactly once v2, $THREADS stream thread(s) each, in $ROUNDS rounds"
  echo "in one JVM against one broker."
  echo
  echo "Reproduce: \`bench/processor.sh\` (env EVENTS, PARTITIONS, THREADS, ROUNDS, RATE, SECONDS_AT_RATE)."
  echo
  echo "| round | topology | seconds | events/s, whole run | events/s, steady | Hookline ÷ this, whole run | steady |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for round in $(seq 1 "$ROUNDS"); do
    count=$(line count "$round"); pass=$(line passthrough "$round"); hookline=$(line hookline "$round")
    for row in "groupByKey().count() (target's ceiling)|$count" "pass-through: decode, encode, one record out|$pass"; do
      name="${row%%|*}"; r="${row#*|}"
      echo "| $round | $name | $(field "$r" seconds) | $(field "$r" rate) | $(field "$r" steady_rate) | **$(ratio "$(field "$hookline" rate)" "$(field "$r" rate)")** | $(ratio "$(field "$hookline" steady_rate)" "$(field "$r" steady_rate)") |"
    done
    echo "| $round | Hookline | $(field "$hookline" seconds) | $(field "$hookline" rate) | $(field "$hookline" steady_rate) | | |"
  done
  echo
  echo "Target: Hookline at least 0.5 of the count topology. The pass-through topology is the least any"
  echo "topology with Hookline's contract (one event out per request in, exactly once) does. Whole run: from start until the committed"
  echo "offsets reach the end of the input (start-up, first fetches and, in round 1, the JIT compiling each"
  echo "topology's code in this JVM and the broker's, included). Steady: from the moment the committed offsets"
  echo "passed a third of the input to the end. Round 1 is what a freshly started processor does; later"
  echo "rounds what one that has run for a while does."
  echo
  echo "## Latency at a fixed load"
  echo
  echo "$(field "$latency" rate) raw events/s (Yealink calls of 3 events on 5,000 phones) for $(field "$latency" seconds) s on fresh"
  echo "topics, Hookline's topology alone (commit.interval.ms 100, the exactly-once default). Latency: from"
  echo "the call's last raw record being produced to its session being readable (read_committed) on"
  echo "call.sessions.v1. Sessions that ended in the first 5 s (warm-up) are not counted."
  echo
  echo "| sessions | p50 ms | p99 ms | max ms |"
  echo "| --- | --- | --- | --- |"
  echo "| $(field "$latency" sessions) | $(field "$latency" p50) | $(field "$latency" p99) | $(field "$latency" max) |"
} > "$out"
cat "$out"
