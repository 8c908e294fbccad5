#!/usr/bin/env bash
# End-to-end benchmark: phones' GETs -> gateway -> Kafka -> processor -> call sessions, with the
# broker (`hookline local --services none`), the gateway, the processor and the dispatcher each in
# its own JVM and the load generator, all on this machine and on loopback addresses.
# Writes bench/results/e2e.md. Bounded: the load generator against a bare Vert.x server (the
# baseline) at RATE for up to 20 s; a registration storm of PHONES phones (3 requests each) within
# STORM_SECONDS; RATE events/s of calls for SECONDS_AT_RATE; then LATENCY_RATE events/s for LATENCY_SECONDS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PHONES="${PHONES:-100000}"
STORM_SECONDS="${STORM_SECONDS:-60}"
RATE="${RATE:-10000}"
SECONDS_AT_RATE="${SECONDS_AT_RATE:-60}"
LATENCY_RATE="${LATENCY_RATE:-2000}"
LATENCY_SECONDS="${LATENCY_SECONDS:-30}"
KAFKA_PORT=19192 GATEWAY_PORT=18080 GATEWAY_MANAGEMENT_PORT=18088 PROCESSOR_PORT=18081 DISPATCHER_PORT=18082 BARE_PORT=18090
out=bench/results/e2e.md

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jar=deploy/target/hookline.jar

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # file text seconds
  for _ in $(seq 1 $(( $3 * 5 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

java -jar $jar local --data-dir "$work/data" --kafka-port $KAFKA_PORT --services none > "$work/local.log" 2>&1 &
local_pid=$!
pids+=($local_pid)
wait_for "$work/local.log" "hookline local ready" 90
bootstrap="localhost:$KAFKA_PORT"

# Each service with a bounded heap, as deployed (RSS then says what a service needs, not what an idle GC left).
java -Xmx1g -jar $jar gateway --bootstrap-server "$bootstrap" --port $GATEWAY_PORT --management-port $GATEWAY_MANAGEMENT_PORT \
  --set http.host=127.0.0.1 --set security.rate.limit.per.second=0 --set security.address.rate.limit.per.second=0 --set spool.dir="$work/spool" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
# PROCESSOR_JAVA_OPTS adds JVM options to the processor, e.g. a JFR recording; PROCESSOR_SETTINGS adds
# settings, e.g. "--set kafka.producer.compression.type=none" (an earlier default) to compare.
java -Xmx1g ${PROCESSOR_JAVA_OPTS:-} -jar $jar processor --bootstrap-server "$bootstrap" --set query.port=$PROCESSOR_PORT --set query.host=127.0.0.1 \
  --set kafka.state.dir="$work/state" --set kafka.replication.factor=1 ${PROCESSOR_SETTINGS:-} > "$work/processor.log" 2>&1 &
processor_pid=$!
pids+=($processor_pid)
java -Xmx512m -jar $jar dispatcher --bootstrap-server "$bootstrap" --set management.port=$DISPATCHER_PORT > "$work/dispatcher.log" 2>&1 &
dispatcher_pid=$!
pids+=($dispatcher_pid)
# The baseline: what the load generator offers to a server that only answers 200 (no Kafka).
java -Xmx256m -cp "$bench_cp" dev.hookline.bench.BareServer $BARE_PORT > "$work/bare.log" 2>&1 &
pids+=($!)
wait_for "$work/gateway.log" "ingest gateway ready" 60
wait_for "$work/processor.log" "stream processor ready" 120
wait_for "$work/dispatcher.log" "command dispatcher ready" 60
wait_for "$work/bare.log" "bare server listening" 30

results=$(java -Xmx1g -Dbare.port=$BARE_PORT \
  -Dpids="broker:$local_pid,gateway:$gateway_pid,processor:$processor_pid,dispatcher:$dispatcher_pid" \
  -cp "$bench_cp" dev.hookline.bench.e2e.EndToEndBench "$bootstrap" $GATEWAY_PORT $PROCESSOR_PORT \
  $processor_pid "$PHONES" "$RATE" "$SECONDS_AT_RATE" "$LATENCY_RATE" "$LATENCY_SECONDS" "$STORM_SECONDS" 2>"$work/bench.log" | grep '^RESULT') \
  || { cat "$work/bench.log" >&2; tail -50 "$work/processor.log" >&2; exit 1; }
line_field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; } # line key
field() { line_field "$(echo "$results" | grep "name=$1 ")" "$2"; } # result-name key

cpu_row() { # phase: CPU µs per accepted event of each process
  echo "| $1 | $(field "$1" cpu_load_us) | $(field "$1" cpu_gateway_us) | $(field "$1" cpu_broker_us) | $(field "$1" cpu_processor_us) | $(field "$1" cpu_dispatcher_us) |"
}
{
  echo "# End-to-end benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB. Broker (\`hookline local --services none\`),"
  echo "gateway (-Xmx1g), processor (-Xmx1g) and dispatcher (-Xmx512m) each in its own JVM, and the load generator (Vert.x, keep-alive"
  echo "connections, Yealink flows in order per phone), all on this machine, loopback only, all running at once."
  echo
  echo "Reproduce: \`bench/e2e.sh\` (env PHONES, STORM_SECONDS, RATE, SECONDS_AT_RATE, LATENCY_RATE, LATENCY_SECONDS)."
  echo
  echo "## Sustained call traffic (target: $RATE phone events/s for ${SECONDS_AT_RATE} s, 0 failed, caught up within 2 s)"
  echo
  echo "Calls (incoming, established, terminated) of 20,000 phones. The baseline is the same load generator against a bare"
  echo "Vert.x server that answers 200 and stores nothing, in the same run, with the pipeline idle. 'behind' counts"
  echo "events the load generator could not offer because 4,000 requests were already waiting for answers; 'catch-up'"
  echo "is how long after the last answer the processor needed to have handled every accepted event."
  echo
  echo "| run | seconds | accepted | failed | behind | accepted events/s | ÷ baseline | catch-up s | processed events/s | processor RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| baseline: bare server | $(field baseline seconds) | $(field baseline accepted) | $(field baseline failed) | $(field baseline behind) | $(field baseline accepted_rate) | | | | |"
  echo "| Hookline | $(field sustained seconds) | $(field sustained accepted) | $(field sustained failed) | $(field sustained behind) | $(field sustained accepted_rate) | $(awk -v h="$(field sustained accepted_rate)" -v b="$(field baseline accepted_rate)" 'BEGIN {printf "%.2f", h / b}') | $(field sustained catch_up_s) | $(field sustained processed_rate) | $(field sustained rss_mib) |"
  echo
  echo "Failed requests by reason: $(field sustained failures)."
  echo
  echo "## Registration storm ($(field register devices) phones within ${STORM_SECONDS} s)"
  echo
  echo "Every phone boots once: set-up completed, then its two lines register (3 requests), $(field register rate) requests/s offered."
  echo "'phones known' is the processor's own count of phones it holds state for (\`hookline_processor_phones\`), of those phones."
  echo
  echo "| requests | accepted | failed | behind | sent in s | processed in s | phones known | processor RSS MiB, end / peak |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  echo "| $(field register requests) | $(field register accepted) | $(field register failed) | $(field register behind) | $(field register send_s) | $(field register processed_s) | $(field register phones_known) | $(field register rss_mib) / $(field register rss_peak_mib) |"
  echo
  echo "Failed requests by reason: $(field register failures)."
  echo
  echo "## CPU per accepted event, by process (µs; user + system, from /proc)"
  echo
  echo "The load generator is this benchmark's JVM; the broker is \`hookline local\` with its broker JVM."
  echo
  echo "| phase | load generator | gateway | broker | processor | dispatcher |"
  echo "| --- | --- | --- | --- | --- | --- |"
  cpu_row baseline
  cpu_row sustained
  cpu_row register
  echo
  echo "## Written to Kafka per accepted event, sustained calls"
  echo
  echo "Every topic the sustained call traffic wrote to (the gateway's raw records, the processor's outputs, its"
  echo "changelog), per accepted phone event: records (transaction markers not counted), key and value bytes, and"
  echo "the bytes the broker's logs grew by (batches, markers, compression; replication factor 1 here)."
  echo "Processor settings added to its defaults: ${PROCESSOR_SETTINGS:-none}."
  echo
  echo "| topic | records | key + value bytes | log bytes |"
  echo "| --- | --- | --- | --- |"
  echo "$results" | grep "name=written " | while read -r w; do
    echo "| $(line_field "$w" topic) | $(line_field "$w" records_per_event) | $(line_field "$w" payload_per_event) | $(line_field "$w" log_per_event) |"
  done
  echo "| **all topics** | $(field written-total records_per_event) | $(field written-total payload_per_event) | $(field written-total log_per_event) |"
  echo
  echo "## Latency from a phone's GET to its call session (target: p99 at most 250 ms at 2,000 events/s)"
  echo
  echo "$(field latency rate) events/s for $(field latency seconds) s; per session, from the GET of the call's last event"
  echo "(the session's end is that request's receive time) to the session being readable on"
  echo "call.sessions.v1 (read_committed); sessions of the first 5 s (warm-up) are not counted."
  echo
  echo "| sessions | p50 ms | p99 ms | max ms |"
  echo "| --- | --- | --- | --- |"
  echo "| $(field latency sessions) | $(field latency p50) | $(field latency p99) | $(field latency max) |"
} > "$out"
cat "$out"
