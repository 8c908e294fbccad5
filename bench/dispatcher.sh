#!/usr/bin/env bash
# Dispatcher benchmark: PHONES simulated phones (Yealink, Snom, Hanlong, Aastra in turn; a third of
# those with a login ask for HTTP Basic) on loopback addresses 127.3.x.y, one port, and in one run on
# a real broker (from `hookline local --services none`):
#   1. the baseline: the same HTTP requests (built by the dispatcher's drivers) sent straight to the
#      phones with a Vert.x client, no Kafka; unpaced, and paced at FAST_LIMIT per phone,
#   2. the command dispatcher (in the benchmark's JVM) with the rate limit raised to FAST_LIMIT/s;
#      2 and the paced baseline three times in turn (the machine drifts), compared pair by pair,
#   3. the dispatcher at the default rate limit (2/s per phone: at most 2,000 commands/s for 1,000 phones),
#      2 and 3 with the consumer's default fetch size and with small fetches (kafka.consumer.
#      max.partition.fetch.bytes=32768),
#   4. baseline and dispatcher at a fixed RATE commands/s for SECONDS_AT_RATE (latency).
# Writes bench/results/dispatcher.md. Bounded: COMMANDS per full-speed run (default 20000), RATE x
# SECONDS_AT_RATE per latency run, 120 s per run, 240 s for the whole benchmark JVM.
# Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PHONES="${PHONES:-1000}"
COMMANDS="${COMMANDS:-20000}"
FAST_LIMIT="${FAST_LIMIT:-100}"
RATE="${RATE:-500}"
SECONDS_AT_RATE="${SECONDS_AT_RATE:-10}"
PHONE_PORT="${PHONE_PORT:-18100}"
KAFKA_PORT=19192
out=bench/results/dispatcher.md

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

if (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null; then
  echo "port $KAFKA_PORT is in use (another hookline local?)" >&2; exit 1
fi
work="$(mktemp -d)"
java -jar deploy/target/hookline.jar local --data-dir "$work/data" --kafka-port $KAFKA_PORT \
  --services none > "$work/local.log" 2>&1 &
local_pid=$!
trap 'kill $local_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 450); do grep -q "hookline local ready" "$work/local.log" && break; sleep 0.2; done
grep -q "hookline local ready" "$work/local.log" || { echo "hookline local did not start" >&2; cat "$work/local.log" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if ! results=$(timeout 240 java -Xmx2g -cp "$bench_cp" dev.hookline.bench.DispatcherBench "localhost:$KAFKA_PORT" \
    "$PHONES" "$COMMANDS" "$FAST_LIMIT" "$RATE" "$SECONDS_AT_RATE" "$PHONE_PORT" "$local_pid" 2>"$work/bench.log" | grep '^RESULT'); then
  echo "the benchmark failed" >&2; tail -50 "$work/bench.log" >&2; exit 1
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
field() { echo "$results" | grep "name=$1 " | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio() { awk -v a="$(field "$1" rate)" -v b="$(field "$2" rate)" 'BEGIN {printf "%.2f", a / b}'; }
cpu() { awk -v j="$(field "$1" cpu_jvm_us)" -v l="$(field "$1" cpu_local_us)" 'BEGIN {printf "%d", j + l}'; }
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
row() { # name label fetch
  echo "| $2 | $(field "$1" limit) | $3 | $(field "$1" commands) | $(field "$1" seconds) | $(field "$1" rate) | $(field "$1" statuses) | $(field "$1" phone_p50) / $(field "$1" phone_p99) / $(field "$1" phone_max) | $(field "$1" result_p50) / $(field "$1" result_p99) / $(field "$1" result_max) | $(field "$1" partitions_done_s) | $(field "$1" busiest) | $(field "$1" cpu_sender_us) | $(field "$1" cpu_jvm_us) | $(field "$1" cpu_local_us) |"
}

{
  echo "# Dispatcher benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); broker (\`hookline local\`,"
  echo "--services none: the broker alone), dispatcher, phones and load generator all on this machine"
  echo "(load average $load_before before the benchmark JVM, $load_after after: other work shared the cores)."
  echo "$(field setup phones) simulated phones (Yealink, Snom, Hanlong, Aastra in turn; $(field setup with_login) with HTTP Basic) on"
  echo "127.3.x.y:$(field setup port), one Vert.x (2 event loops) for all; commands DIAL, SEND_KEYS and HANGUP in turn,"
  echo "spread evenly over the phones; topics of 3 partitions, a fresh set per dispatcher run; dispatcher defaults"
  echo "(max.in.flight 5000, 1 connection per phone) except where the table says."
  echo
  echo "Reproduce: \`bench/dispatcher.sh\` (env PHONES, COMMANDS, FAST_LIMIT, RATE, SECONDS_AT_RATE, PHONE_PORT)."
  echo
  echo "| run | rate limit /phone/s | consumer fetch | commands | seconds | commands/s | results | to phone ms p50 / p99 / max | to result ms p50 / p99 / max | partitions done at s | busiest sender thread | sender CPU µs/cmd | bench JVM CPU µs/cmd | hookline local CPU µs/cmd |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  row direct_burst "baseline: direct HTTP, no Kafka, unpaced" "-"
  for round in 1 2 3; do
    row direct_paced_$round "round $round: baseline, paced per phone" "-"
    row dispatcher_fast_$round "round $round: dispatcher, rate limit raised" "32 KB"
  done
  row dispatcher_fast_bigfetch "dispatcher, rate limit raised" "default (1 MB)"
  row dispatcher_default "dispatcher, default rate limit" "default (1 MB)"
  row dispatcher_default_fetch "dispatcher, default rate limit" "32 KB"
  row direct_rate "baseline at $RATE/s" "-"
  row dispatcher_rate "dispatcher at $RATE/s, default rate limit" "default (1 MB)"
  echo
  echo "Dispatcher (rate limit raised) / paced baseline, commands/s, round by round: $(ratio dispatcher_fast_1 direct_paced_1),"
  echo "$(ratio dispatcher_fast_2 direct_paced_2), $(ratio dispatcher_fast_3 direct_paced_3); median **$(median "$(ratio dispatcher_fast_1 direct_paced_1)" "$(ratio dispatcher_fast_2 direct_paced_2)" "$(ratio dispatcher_fast_3 direct_paced_3)")**. CPU per command (bench"
  echo "JVM + hookline local), which bounds both where the cores are saturated: baseline $(cpu direct_paced_1) / $(cpu direct_paced_2) / $(cpu direct_paced_3) µs,"
  echo "dispatcher $(cpu dispatcher_fast_1) / $(cpu dispatcher_fast_2) / $(cpu dispatcher_fast_3) µs."
  echo "With the default limit of 2 requests/s per phone the ceiling is 2,000 commands/s for $(field setup phones) phones (a phone's"
  echo "$(( COMMANDS / PHONES )) commands take $(( COMMANDS / PHONES - 1 )) intervals of 500 ms, so a little over 2,000/s here); the"
  echo "default-settings run stays below it because the in-flight window is filled one partition at a time"
  echo "(see \`partitions done at\` and bench/README.md)."
  echo
  echo "- Full-speed runs: all commands produced at once (requestedAt = when produced), timed from the first"
  echo "  send to the last result readable (read_committed) on phone.command-results.v1; the baseline from the"
  echo "  first request to the last answer, one request at a time per phone like the dispatcher's lanes, paced"
  echo "  like the dispatcher's rate limit in the paced rows. Their latencies are mostly queueing behind the"
  echo "  phone's earlier commands."
  echo "- Fixed-rate runs: $RATE commands/s for $SECONDS_AT_RATE s, one every $(( PHONES / RATE )) s per phone, under the limit."
  echo "- To phone: requestedAt to the phone receiving the request (the simulated phone's clock, same JVM)."
  echo "  To result: requestedAt to the result being read by a read_committed consumer (baseline: the answer read)."
  echo "- Results: the dispatcher's statuses; the baseline's HTTP statuses (Snom answers a dial with 302, which"
  echo "  its driver reads as delivered)."
  echo "- Partitions done at: seconds from the first send to each results partition's last result."
  echo "- Busiest sender thread: the dispatcher's (or the baseline client's) thread that used the most CPU, as a"
  echo "  share of one core over the run."
  echo "- CPU per command: sender = the threads the dispatcher (or the baseline's HTTP client) started, GC and"
  echo "  JIT excluded; bench JVM = the whole process, phones, load generator, GC and JIT included;"
  echo "  hookline local = the broker's process and local mode's JVM around it (no services of its own)."
} > "$out"
cat "$out"
