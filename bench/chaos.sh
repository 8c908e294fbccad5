#!/usr/bin/env bash
# Chaos soak: simulated phones call through `hookline local --brokers 3 --services none` with the
# gateway, the processor and the dispatcher each in its own JVM, DIAL commands go to the phones
# throughout, and at random gaps (drawn from the seed) one of gateway, processor, dispatcher or a
# broker is killed with -9 and started again. Afterwards ChaosVerify checks that every
# acknowledged request is in phone.raw.v1, every acknowledged call is exactly one session with the
# simulator's outcome, every command has exactly one result and every line ends AVAILABLE; it
# writes bench/results/chaos.md and the script exits 1 when an invariant failed.
# Bounded: --duration seconds of calls and faults (600 by default), then at most a few minutes of
# settling; loopback addresses only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { echo "usage: bench/chaos.sh [--duration SECONDS] [--seed N]   (env: PHONES, CALL_RATE, COMMAND_PAUSE_MS)" >&2; exit 2; }
DURATION=600
SEED=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="${2:-}"; shift 2 || usage ;;
    --seed) SEED="${2:-}"; shift 2 || usage ;;
    *) usage ;;
  esac
done
[[ "$DURATION" =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 30 ] || { echo "--duration: seconds, at least 30" >&2; exit 2; }
SEED="${SEED:-$(( $(date +%s) % 100000 ))}"
[[ "$SEED" =~ ^[0-9]+$ ]] || { echo "--seed: a number" >&2; exit 2; }
PHONES="${PHONES:-40}"
CALL_RATE="${CALL_RATE:-1.5}"
COMMAND_PAUSE_MS="${COMMAND_PAUSE_MS:-1000}"
GAP_MIN=3 GAP_SPREAD=12          # seconds between two faults: 3 to 14, after the last one is over
BROKER_SETTLE=20                 # seconds a restarted broker gets to catch up before the next is killed
KAFKA_PORT=19392 GATEWAY_PORT=18280 GATEWAY_MANAGEMENT_PORT=18288 PROCESSOR_PORT=18281 DISPATCHER_PORT=18282
ACTION_URI_PORT=18290
out=bench/results/chaos.md

echo "chaos soak: seed $SEED, $DURATION s of calls and faults, $PHONES phones"

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jar=deploy/target/hookline.jar

work="$(mktemp -d)"
mkdir -p "$work/logs" "$work/run"
faults="$work/faults.log"
: > "$faults"
declare -A pid=()
declare -A starts=()
fleet_pid=""
local_pid=""
cleanup() {
  status=$?
  for p in $fleet_pid "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$local_pid" ] && kill "$local_pid" 2>/dev/null || true   # SIGTERM: local mode stops its brokers
  wait 2>/dev/null || true
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "logs kept in $work" >&2; fi
}
trap cleanup EXIT

log() { echo "$(date +%T) chaos: $*"; }
wait_for() { # file text seconds
  for _ in $(seq 1 $(( $3 * 5 ))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "timed out waiting for '$2' in $1" >&2; tail -30 "$1" >&2; exit 1
}

java -jar $jar local --brokers 3 --services none --data-dir "$work/data" --kafka-port $KAFKA_PORT --broker-heap 384m \
  --broker-restart-delay PT5S > "$work/logs/local.log" 2>&1 &
local_pid=$!
wait_for "$work/logs/local.log" "Press Ctrl-C to stop." 240
bootstrap="localhost:$KAFKA_PORT,localhost:$((KAFKA_PORT + 1)),localhost:$((KAFKA_PORT + 2))"

# Each service on fixed ports and folders, so a restart is the same instance to phones and to Kafka. The
# processor closes a call without events for 60 s (call.timeout.ms, 4 h by default): a call whose hang-up
# a killed gateway lost is then closed UNKNOWN before the check, which expects every line AVAILABLE.
start_service() { # name; each start logs to its own file
  local name=$1 n=$(( ${starts[$1]:-0} + 1 ))
  starts[$name]=$n
  case "$name" in
    gateway) java -Xmx512m -jar $jar gateway --bootstrap-server "$bootstrap" --port $GATEWAY_PORT \
               --management-port $GATEWAY_MANAGEMENT_PORT --set http.host=127.0.0.1 --set management.host=127.0.0.1 \
               --set security.rate.limit.per.second=0 --set security.address.rate.limit.per.second=0 \
               --set spool.dir="$work/spool" > "$work/logs/gateway-$n.log" 2>&1 & ;;
    processor) java -Xmx768m -jar $jar processor --bootstrap-server "$bootstrap" --set query.host=127.0.0.1 \
               --set query.port=$PROCESSOR_PORT --set kafka.state.dir="$work/state" --set kafka.replication.factor=3 \
               --set kafka.num.standby.replicas=0 --set call.timeout.ms=60000 --set punctuate.interval.ms=10000 \
               > "$work/logs/processor-$n.log" 2>&1 & ;;
    dispatcher) java -Xmx384m -jar $jar dispatcher --bootstrap-server "$bootstrap" --set management.host=127.0.0.1 \
               --set management.port=$DISPATCHER_PORT --set phone.http.port=$ACTION_URI_PORT \
               --set phone.request.timeout.ms=2000 > "$work/logs/dispatcher-$n.log" 2>&1 & ;;
  esac
  pid[$name]=$!
}
await_service() { # name
  local ready
  case "$1" in gateway) ready="ingest gateway ready" ;; processor) ready="stream processor ready" ;;
               dispatcher) ready="command dispatcher ready" ;; esac
  wait_for "$work/logs/$1-${starts[$1]}.log" "$ready" 180
}
for service in gateway processor dispatcher; do start_service $service; done
for service in gateway processor dispatcher; do await_service $service; done

java -Xmx768m -cp "$bench_cp" dev.hookline.bench.chaos.ChaosFleet "$bootstrap" "http://127.0.0.1:$GATEWAY_PORT" \
  $ACTION_URI_PORT "$PHONES" "$CALL_RATE" "$DURATION" "$SEED" "$COMMAND_PAUSE_MS" "$work/run" > "$work/logs/fleet.log" 2>&1 &
fleet_pid=$!
wait_for "$work/logs/fleet.log" "faults may begin" 120
start=$SECONDS
elapsed() { echo $(( SECONDS - start )); }

kill_service() { # name: kill -9, then start it again at once
  local name=$1 victim=${pid[$1]} code=0
  kill -9 "$victim"
  wait "$victim" 2>/dev/null || code=$?
  start_service "$name"
  echo "$(elapsed) $name pid $victim killed (exit $code), started again as pid ${pid[$name]}" >> "$faults"
  log "$name pid $victim killed (exit $code), started again as pid ${pid[$name]}"
  await_service "$name"
}

broker_pid() { # id: its pid now, from local mode's output
  grep -oE "broker $1 +(localhost:[0-9]+ \(pid|started again \(pid) [0-9]+" "$work/logs/local.log" | tail -1 | grep -oE '[0-9]+$'
}
last_broker_back=0
kill_broker() { # id: kill -9; local mode starts it again after its restart delay
  local id=$1 victim stopped
  local wait_s=$(( last_broker_back + BROKER_SETTLE - SECONDS ))
  [ "$wait_s" -gt 0 ] && sleep "$wait_s"
  victim=$(broker_pid "$id")
  local again_before
  again_before=$(grep -c "broker $id started again" "$work/logs/local.log" || true)
  kill -9 "$victim"
  wait_for "$work/logs/local.log" "broker $id (pid $victim) stopped" 60
  stopped=$(grep -oE "broker $id \(pid $victim\) stopped \(exit code [0-9-]+\)" "$work/logs/local.log" | tail -1)
  for _ in $(seq 1 300); do
    [ "$(grep -c "broker $id started again" "$work/logs/local.log" || true)" -gt "$again_before" ] && break
    sleep 0.2
  done
  last_broker_back=$SECONDS
  echo "$(elapsed) broker $id pid $victim killed: $stopped; started again as pid $(broker_pid "$id")" >> "$faults"
  log "broker $id pid $victim killed: $stopped; started again as pid $(broker_pid "$id")"
}

# Every draw comes from bash's RANDOM seeded once, so a seed gives the same faults in the same order.
RANDOM=$SEED
kinds=(gateway processor dispatcher broker)
while :; do
  gap=$(( GAP_MIN + RANDOM % GAP_SPREAD ))
  kind=${kinds[$(( RANDOM % 4 ))]}
  broker=$(( 1 + RANDOM % 3 ))
  [ $(( SECONDS + gap )) -lt $(( start + DURATION )) ] || break
  sleep "$gap"
  if [ "$kind" = broker ]; then kill_broker "$broker"; else kill_service "$kind"; fi
done
log "$(wc -l < "$faults") faults in $(elapsed) s; the phones finish their calls, the results come in"

for service in gateway processor dispatcher; do
  kill -0 "${pid[$service]}" 2>/dev/null || { log "$service had stopped; starting it"; start_service $service; await_service $service; }
done
code=0
wait "$fleet_pid" || code=$?
fleet_pid=""
grep '^chaos fleet:' "$work/logs/fleet.log" || true
[ "$code" -eq 0 ] || { echo "the fleet failed (exit $code)" >&2; tail -30 "$work/logs/fleet.log" >&2; exit 1; }

java -Xmx768m -cp "$bench_cp" dev.hookline.bench.chaos.ChaosVerify "$bootstrap" "$work/run" "$faults" "$out" \
  "$PHONES" "$CALL_RATE" "$COMMAND_PAUSE_MS" "$DURATION" "$SEED"
