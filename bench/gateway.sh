#!/usr/bin/env bash
# Gateway benchmark: realistic phone GETs (wrk) against, in one run on this machine,
#   1. a bare Vert.x server answering 200 (the HTTP ceiling),
#   2. the ingest gateway storing each request in Kafka at acks=all (broker from `hookline local`),
#   3. the Kafka producer alone with the gateway's settings (the Kafka ceiling).
# Both servers run side by side; each is first warmed up under load for WARMUP (the JIT compiles
# for about half a minute under full load here, in the gateway's JVM and in the broker's), then
# ROUNDS measured runs of DURATION alternate between them, so each round's pair saw the same
# machine. Writes bench/results/gateway.md. Bounded: (2 x WARMUP) + (2 x ROUNDS x DURATION), plus
# RECORDS producer records. Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WARMUP="${WARMUP:-60s}"
DURATION="${DURATION:-15s}"
ROUNDS="${ROUNDS:-3}"
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

load() { # url duration -> RESULT line
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency -s bench/phone-gets.lua "$1" | grep '^RESULT'
}

cpu_ticks() { # pid -> user+system clock ticks so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

per_request_us() { # ticks requests -> microseconds of CPU per request
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v r="$2" 'BEGIN {printf "%.1f", t / hz * 1e6 / r}'
}

field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }

measure() { # pid url -> RESULT line with cpu_us (the server's CPU per request) and broker_us (the broker's)
  local before broker_before result
  before=$(cpu_ticks "$1"); broker_before=$(cpu_ticks "$broker_pid")
  result=$(load "$2" "$DURATION")
  echo "$result cpu_us=$(per_request_us $(( $(cpu_ticks "$1") - before )) "$(field "$result" requests)")" \
    "broker_us=$(per_request_us $(( $(cpu_ticks "$broker_pid") - broker_before )) "$(field "$result" requests)")"
}

java -jar deploy/target/hookline.jar local --data-dir "$work/data" --kafka-port $KAFKA_PORT \
  --gateway-port $GATEWAY_PORT --gateway-management-port $MANAGEMENT_PORT --services gateway \
  --set security.rate.limit.per.second=0 --set security.address.rate.limit.per.second=0 --set http.host=127.0.0.1 > "$work/local.log" 2>&1 &
local_pid=$!
pids+=($local_pid)
wait_for "$work/local.log" "hookline local ready" 90
broker_pid=$(pgrep -P "$local_pid" java | head -1)

java -cp "$bench_cp" dev.hookline.bench.BareServer $BARE_PORT > "$work/bare.log" 2>&1 &
bare_pid=$!
pids+=($bare_pid)
wait_for "$work/bare.log" "listening" 30

bare_url="http://127.0.0.1:$BARE_PORT/"
gateway_url="http://127.0.0.1:$GATEWAY_PORT/"
warm_bare=$(load "$bare_url" "$WARMUP")
warm_gateway=$(load "$gateway_url" "$WARMUP")
rows=()
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  bare=$(measure $bare_pid "$bare_url")
  gateway=$(measure $local_pid "$gateway_url")
  rows+=("$round|bare Vert.x server (no Kafka)|$bare" "$round|ingest gateway, acks=all|$gateway")
  ratios+=("$(awk -v g="$(field "$gateway" rate)" -v b="$(field "$bare" rate)" 'BEGIN {printf "%.2f", g / b}')")
done
kill $bare_pid
stored=$(curl -s "http://127.0.0.1:$MANAGEMENT_PORT/metrics" | awk '/^hookline_gateway_requests_total\{status="200"\}/ {print $2}')

producer=$(java -cp "$bench_cp" dev.hookline.bench.ProducerAlone "localhost:$KAFKA_PORT" phone.raw.v1 "$RECORDS")
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')

{
  echo "# Gateway benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); broker, gateway, baseline and"
  echo "load generator all on this machine. wrk: $THREADS threads, $CONNECTIONS keep-alive connections; Yealink-style GETs"
  echo "of 5,000 phones (bench/phone-gets.lua). Each server was first warmed up under full load for $WARMUP, then"
  echo "$ROUNDS rounds of $DURATION per server alternated between them."
  echo
  echo "Reproduce: \`bench/gateway.sh\` (env WARMUP, DURATION, ROUNDS, CONNECTIONS, THREADS, RECORDS)."
  echo
  echo "| round | what | requests | req/s | p50 ms | p99 ms | errors | non-2xx | server CPU µs per request | broker CPU µs per request |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for row in "${rows[@]}"; do
    round="${row%%|*}"; rest="${row#*|}"; name="${rest%%|*}"; r="${rest#*|}"
    echo "| $round | $name | $(field "$r" requests) | $(field "$r" rate) | $(field "$r" p50_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | $(field "$r" non2xx) | $(field "$r" cpu_us) | $(field "$r" broker_us) |"
  done
  echo "| | Kafka producer alone, acks=all ($RECORDS records) | $(field "$producer" records) | $(field "$producer" rate) | $(field "$producer" p50_ms) | $(field "$producer" p99_ms) | 0 | - | - | - |"
  echo
  echo "Gateway / bare server, median of the rounds: **$median** (rounds: ${ratios[*]}; target: at least 0.5)."
  echo
  echo "During the warm-up ($WARMUP each, JIT still compiling): bare server $(field "$warm_bare" rate) req/s,"
  echo "gateway $(field "$warm_gateway" rate) req/s ($(awk -v g="$(field "$warm_gateway" rate)" -v b="$(field "$warm_bare" rate)" 'BEGIN {printf "%.2f", g / b}'))."
  echo "Requests the gateway answered 200 (each stored in Kafka first), warm-up included: $stored."
  echo "Server CPU per request is the server process's user+system time over the run (the broker runs in"
  echo "its own JVM, reported beside it)."
} > "$out"
cat "$out"
