#!/usr/bin/env bash
# End-to-end benchmark: phones' GETs -> gateway -> Kafka -> processor -> call sessions, with the
# broker (`hookline local --services none`), the gateway, the processor and the dispatcher each in
# its own JVM and the load generator, all on this machine and on loopback addresses.
# Writes bench/results/e2e.md. Bounded: PHONES registrations, RATE events/s for SECONDS, then
# LATENCY_RATE events/s for LATENCY_SECONDS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PHONES="${PHONES:-100000}"
RATE="${RATE:-5000}"
SECONDS_AT_RATE="${SECONDS_AT_RATE:-30}"
LATENCY_RATE="${LATENCY_RATE:-2000}"
LATENCY_SECONDS="${LATENCY_SECONDS:-30}"
KAFKA_PORT=19192 GATEWAY_PORT=18080 GATEWAY_MANAGEMENT_PORT=18088 PROCESSOR_PORT=18081 DISPATCHER_PORT=18082
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
pids+=($!)
wait_for "$work/local.log" "hookline local ready" 90
bootstrap="localhost:$KAFKA_PORT"

# Each service with a bounded heap, as deployed (RSS then says what a service needs, not what an idle GC left).
java -Xmx1g -jar $jar gateway --bootstrap-server "$bootstrap" --port $GATEWAY_PORT --management-port $GATEWAY_MANAGEMENT_PORT \
  --set http.host=127.0.0.1 --set security.rate.limit.per.second=0 --set security.address.rate.limit.per.second=0 --set spool.dir="$work/spool" > "$work/gateway.log" 2>&1 &
pids+=($!)
java -Xmx1g -jar $jar processor --bootstrap-server "$bootstrap" --set query.port=$PROCESSOR_PORT --set query.host=127.0.0.1 \
  --set kafka.state.dir="$work/state" --set kafka.replication.factor=1 > "$work/processor.log" 2>&1 &
processor_pid=$!
pids+=($processor_pid)
java -Xmx512m -jar $jar dispatcher --bootstrap-server "$bootstrap" --set management.port=$DISPATCHER_PORT > "$work/dispatcher.log" 2>&1 &
pids+=($!)
wait_for "$work/gateway.log" "ingest gateway ready" 60
wait_for "$work/processor.log" "stream processor ready" 120
wait_for "$work/dispatcher.log" "command dispatcher ready" 60

results=$(java -Xmx1g -cp "$bench_cp" dev.hookline.bench.e2e.EndToEndBench "$bootstrap" $GATEWAY_PORT $PROCESSOR_PORT \
  $processor_pid "$PHONES" "$RATE" "$SECONDS_AT_RATE" "$LATENCY_RATE" "$LATENCY_SECONDS" 2>"$work/bench.log" | grep '^RESULT') \
  || { cat "$work/bench.log" >&2; tail -50 "$work/processor.log" >&2; exit 1; }
field() { echo "$results" | grep "name=$1 " | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }

{
  echo "# End-to-end benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB. Broker (\`hookline local --services none\`),"
  echo "gateway (-Xmx1g), processor (-Xmx1g) and dispatcher (-Xmx512m) each in its own JVM, and the load generator (Vert.x, keep-alive"
  echo "connections, Yealink call flows in order per call), all on this machine, loopback only."
  echo
  echo "Reproduce: \`bench/e2e.sh\` (env PHONES, RATE, SECONDS_AT_RATE, LATENCY_RATE, LATENCY_SECONDS)."
  echo
  echo "## $(field register devices) devices registered"
  echo
  echo "| accepted | failed | sent in s | processed in s | processor RSS MiB |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| $(field register accepted) | $(field register failed) | $(field register send_s) | $(field register processed_s) | $(field register rss_mib) |"
  echo
  echo "## Sustained call traffic (target: 5,000 phone events/s)"
  echo
  echo "Offered $(field sustained target) events/s for $(field sustained seconds) s; 'behind' counts events the load generator"
  echo "could not offer because 4,000 requests were already waiting for answers (the load generator bounds its queue); 'catch-up' is how long"
  echo "after the last answer the processor needed to have handled every accepted event."
  echo
  echo "| accepted | failed | behind | accepted events/s | catch-up s | processed events/s | processor RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  echo "| $(field sustained accepted) | $(field sustained failed) | $(field sustained behind) | $(field sustained accepted_rate) | $(field sustained catch_up_s) | $(field sustained processed_rate) | $(field sustained rss_mib) |"
  echo
  echo "Failed requests by reason: $(field sustained failures)."
  echo
  echo "## Latency from a phone's GET to its call session (target: p99 at most 500 ms at 2,000 events/s)"
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
