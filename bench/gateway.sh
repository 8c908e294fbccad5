#!/usr/bin/env bash
# Gateway benchmark: realistic phone GETs (wrk) against, in one run on this machine,
#   1. a bare Vert.x server answering 200 (the HTTP ceiling),
#   2. the ingest gateway storing each request in Kafka at acks=all (broker from `hookline local`),
#   3. the Kafka producer alone with the gateway's settings (the Kafka ceiling).
# Writes bench/results/gateway.md. Bounded: DURATION per wrk run (default 20s), RECORDS producer records.
# Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-256}"
THREADS="${THREADS:-2}"
RECORDS="${RECORDS:-200000}"
KAFKA_PORT=19192 GATEWAY_PORT=18080 MANAGEMENT_PORT=18088 BARE_PORT=18090
out=bench/results/gateway.md

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

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

load() { # url -> RESULT line
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/phone-gets.lua "$1" | grep '^RESULT'
}

cpu_ticks() { # pid -> user+system clock ticks so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

measure() { # pid url -> RESULT line with cpu_us (CPU time of pid per request, in microseconds)
  local before after result hz
  hz=$(getconf CLK_TCK)
  before=$(cpu_ticks "$1")
  result=$(load "$2")
  after=$(cpu_ticks "$1")
  echo "$result cpu_us=$(awk -v t=$((after - before)) -v hz="$hz" -v r="$(echo "$result" | tr ' ' '\n' | awk -F= '$1=="requests" {print $2}')" 'BEGIN {printf "%.1f", t / hz * 1e6 / r}')"
}

java -jar deploy/target/hookline.jar local --data-dir "$work/data" --kafka-port $KAFKA_PORT \
  --gateway-port $GATEWAY_PORT --gateway-management-port $MANAGEMENT_PORT --services gateway \
  --set security.rate.limit.per.second=0 --set http.host=127.0.0.1 > "$work/local.log" 2>&1 &
local_pid=$!
pids+=($local_pid)
wait_for "$work/local.log" "hookline local ready" 90

java -cp "$bench_cp" dev.hookline.bench.BareServer $BARE_PORT > "$work/bare.log" 2>&1 &
bare_pid=$!
pids+=($bare_pid)
wait_for "$work/bare.log" "listening" 30
load "http://127.0.0.1:$BARE_PORT/" > /dev/null  # warm-up of the JIT, not recorded
bare=$(measure $bare_pid "http://127.0.0.1:$BARE_PORT/")
kill $bare_pid

load "http://127.0.0.1:$GATEWAY_PORT/" > /dev/null
gateway=$(measure $local_pid "http://127.0.0.1:$GATEWAY_PORT/")
stored=$(curl -s "http://127.0.0.1:$MANAGEMENT_PORT/metrics" | awk '/^hookline_gateway_requests_total\{status="200"\}/ {print $2}')

producer=$(java -cp "$bench_cp" dev.hookline.bench.ProducerAlone "localhost:$KAFKA_PORT" phone.raw.v1 "$RECORDS")

field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio=$(awk -v g="$(field "$gateway" rate)" -v b="$(field "$bare" rate)" 'BEGIN {printf "%.2f", g / b}')

{
  echo "# Gateway benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); broker, gateway, baseline and"
  echo "load generator all on this machine. wrk: $THREADS threads, $CONNECTIONS keep-alive connections, $DURATION per run"
  echo "after a warm-up run of the same length; Yealink-style GETs of 5,000 phones (bench/phone-gets.lua)."
  echo
  echo "Reproduce: \`bench/gateway.sh\` (env DURATION, CONNECTIONS, THREADS, RECORDS)."
  echo
  echo "| what | requests | req/s | p50 ms | p99 ms | errors | non-2xx | CPU µs per request |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  for row in "bare Vert.x server (no Kafka)|$bare" "ingest gateway, acks=all|$gateway"; do
    name="${row%%|*}"; r="${row#*|}"
    echo "| $name | $(field "$r" requests) | $(field "$r" rate) | $(field "$r" p50_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | $(field "$r" non2xx) | $(field "$r" cpu_us) |"
  done
  echo "| Kafka producer alone, acks=all ($RECORDS records) | $(field "$producer" records) | $(field "$producer" rate) | $(field "$producer" p50_ms) | $(field "$producer" p99_ms) | 0 | - | - |"
  echo
  echo "Gateway / bare server: **$ratio** (target: at least 0.5). Requests the gateway answered 200 (each stored in"
  echo "Kafka first), including its warm-up run: $stored. CPU per request is the server process's user+system"
  echo "time over the measured run (the gateway's figure excludes the broker, which runs in its own JVM)."
} > "$out"
cat "$out"
