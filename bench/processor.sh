#!/usr/bin/env bash
# Processor benchmark: the same raw input (realistic Yealink call flows of 5,000 phones) consumed,
# in one run on a real broker (from `hookline local`), by a groupByKey().count() topology, a
# pass-through topology, the I/O-equivalent topology (decodes each raw record, then writes exactly
# what Hookline writes for it, with no logic: the floor Hookline's contract sets) and Hookline's
# topology; all exactly once v2, one stream thread, timed from start until their committed offsets
# reach the end of the input; ROUNDS rounds in one JVM (the first pays for the JIT). What the
# I/O-equivalent and Hookline runs wrote to Kafka, per topic. Then latency at a fixed load.
# Writes bench/results/processor.md. Bounded: EVENTS input records per run, RATE x SECONDS_AT_RATE.
# Arguments go to the benchmark's JVM: -Dhookline.KEY=VALUE tries a processor setting on Hookline's
# runs, e.g. bench/processor.sh -Dhookline.kafka.producer.batch.size=262144; -Dbefore.KEY=VALUE adds a run
# per round of Hookline with those settings (an earlier release's), e.g. -Dbefore.kafka.producer.compression.type=none.
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

BEFORE_SETTINGS=$(printf '%s\n' "$@" | grep '^-Dbefore\.' | sed 's/^-Dbefore\.//' | paste -sd ' ' || true)
results=$(java -Dthreads="$THREADS" -Drounds="$ROUNDS" "$@" -cp "$bench_cp" dev.hookline.bench.ProcessorBench "localhost:$KAFKA_PORT" "$EVENTS" "$PARTITIONS" "$RATE" "$SECONDS_AT_RATE" 2>"$work/bench.log" | grep '^RESULT')
line() { echo "$results" | grep "name=$1 round=$2 "; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio() { awk -v h="$1" -v c="$2" 'BEGIN {printf "%.2f", h / c}'; }
latency=$(echo "$results" | grep "name=latency ")

round_row() { # one topology's row in a round: name round label
  r=$(line "$1" "$2"); hookline=$(line hookline "$2")
  [ -n "$r" ] || return 0
  echo "| $2 | $3 | $(field "$r" seconds) | $(field "$r" rate) | $(field "$r" steady_rate) | **$(ratio "$(field "$hookline" rate)" "$(field "$r" rate)")** | $(ratio "$(field "$hookline" steady_rate)" "$(field "$r" steady_rate)") |"
}
footprint_row() { # run label
  f=$(echo "$results" | grep "name=footprint-$1 round=$ROUNDS ")
  [ -n "$f" ] || return 0
  echo "| $2 | $(field "$f" records_per_event) | $(field "$f" payload_per_event) | $(field "$f" log_per_event) |"
}
{
  echo "# Processor benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; broker (\`hookline local --services none\`)"
  echo "and benchmark on this machine. $EVENTS raw records (Yealink calls of 5 events, 5,000 phones) on $PARTITIONS partitions,"
  echo "consumed from the start by each topology in turn, exactly once v2, $THREADS stream thread(s) each, in $ROUNDS rounds"
  echo "in one JVM against one broker."
  echo
  echo "Reproduce: \`bench/processor.sh\` (env EVENTS, PARTITIONS, THREADS, ROUNDS, RATE, SECONDS_AT_RATE; arguments: $*)."
  echo
  echo "| round | topology | seconds | events/s, whole run | events/s, steady | Hookline ÷ this, whole run | steady |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for round in $(seq 1 "$ROUNDS"); do
    round_row count "$round" "groupByKey().count()"
    round_row passthrough "$round" "pass-through: decode, encode, one record out"
    round_row io "$round" "**I/O-equivalent: decode, then Hookline's writes without logic (the floor)**"
    round_row hookline "$round" "Hookline"
    round_row before "$round" "Hookline with the earlier settings (below)"
  done
  echo
  echo "Target: Hookline at least 0.8 of the I/O-equivalent topology, warm (the last rounds). The I/O-equivalent"
  echo "topology decodes each raw record and then writes, for it, the very records Hookline wrote in a test-driver"
  echo "run over the same input (same topics, keys and value bytes) and puts the same phone-state bytes into a"
  echo "cached, logged store, with Hookline's Kafka Streams settings. Whole run: from start until the committed"
  echo "offsets reach the end of the input (start-up and first fetches included). Steady: from the moment the"
  echo "committed offsets passed a third of the input to the end. Round 1 pays for the JIT."
  echo
  echo "## Written to Kafka per raw event (round $ROUNDS, all topics together, changelog included)"
  echo
  echo "Records (transaction markers not counted), their key and value bytes, and the bytes the broker's logs grew by"
  echo "(batch headers, transaction markers and compression included: what the broker stores and replicates)."
  echo
  echo "| run | records | key + value bytes | log bytes |"
  echo "| --- | --- | --- | --- |"
  footprint_row io "I/O-equivalent"
  footprint_row hookline "Hookline"
  footprint_row before "Hookline with the earlier settings"
  echo
  echo "Earlier settings compared: ${BEFORE_SETTINGS:-none given}."
  echo
  echo "Hookline, per topic (round $ROUNDS, $EVENTS raw events):"
  echo
  echo "| topic | records | key + value bytes | log bytes |"
  echo "| --- | --- | --- | --- |"
  echo "$results" | grep "name=topic-hookline round=$ROUNDS " | while read -r t; do
    echo "| $(field "$t" topic) | $(field "$t" records) | $(field "$t" payload) | $(field "$t" log) |"
  done
  echo
  echo "## Latency at a fixed load"
  echo
  echo "$(field "$latency" rate) raw events/s (Yealink calls of 3 events on 5,000 phones) for $(field "$latency" seconds) s on fresh"
  echo "topics, Hookline's topology alone (its default settings). Latency: from"
  echo "the call's last raw record being produced to its session being readable (read_committed) on"
  echo "call.sessions.v1. Sessions that ended in the first 5 s (warm-up) are not counted."
  echo
  echo "| sessions | p50 ms | p99 ms | max ms |"
  echo "| --- | --- | --- | --- |"
  echo "| $(field "$latency" sessions) | $(field "$latency" p50) | $(field "$latency" p99) | $(field "$latency" max) |"
} > "$out"
cat "$out"
