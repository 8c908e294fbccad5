#!/usr/bin/env bash
# Live view benchmark (issue 15, "usable at 10,000 lines"): one broker and the processor
# (`hookline local --services processor`), PHONES Yealink phones of one line each registered
# straight into phone.raw.v1, then the operators' page in Debian's headless Chromium (1400x1000):
# time to first render over LOADS fresh loads, the DOM's tiles and the JS heap; then calls at each
# offered rate of RATES raw events/s for SECONDS each (1000f: at 1,000/s with a filter typed):
# events applied and frames drawn per second in the page, and the time from a marker event to its
# tile showing it.
# Writes bench/results/liveview.md. Bounded: PHONES registrations, RATES x SECONDS of calls; about
# 5 minutes here. Needs chromium and chromium-driver (Debian packages). Arguments go to the
# benchmark's JVM: -Dliveview.profile=true logs where the page's main thread spends its time, per
# rate, in bench/target/liveview-bench.log (the profiler slows the page down).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
script_started=$(date +%s)

PHONES="${PHONES:-10000}"
RATES="${RATES:-200,1000,3000,6000,1000f,10000}"
SECONDS_AT_RATE="${SECONDS_AT_RATE:-20}"
LOADS="${LOADS:-5}"
KAFKA_PORT="${KAFKA_PORT:-19492}"
PROCESSOR_PORT="${PROCESSOR_PORT:-18481}"
out=bench/results/liveview.md

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"

work="$(mktemp -d)"
java -jar deploy/target/hookline.jar local --services processor --data-dir "$work/data" --kafka-port "$KAFKA_PORT" \
  --processor-port "$PROCESSOR_PORT" > "$work/local.log" 2>&1 &
local_pid=$!
trap 'kill $local_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do grep -q "hookline local ready" "$work/local.log" && break; sleep 0.2; done
grep -q "hookline local ready" "$work/local.log" || { cat "$work/local.log" >&2; exit 1; }

started=$(date +%s)
results=$(timeout 900 java -Xmx1g "$@" -cp "$bench_cp" dev.hookline.bench.liveview.LiveViewBench "localhost:$KAFKA_PORT" \
  "$PROCESSOR_PORT" "$PHONES" "$RATES" "$SECONDS_AT_RATE" "$LOADS" 2>"$work/bench.log" | grep '^RESULT') \
  || { tail -40 "$work/bench.log" >&2; tail -40 "$work/local.log" >&2; exit 1; }
took=$(( $(date +%s) - started ))
total=$(( $(date +%s) - script_started ))
cp "$work/bench.log" bench/target/liveview-bench.log
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
rows() { echo "$results" | grep "name=$1 "; }
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
pct() { awk -v v="$1" 'BEGIN {printf "%.0f%%", v * 100}'; }
mib() { awk -v v="$1" 'BEGIN {printf "%.1f", v / 1048576}'; }
load=$(rows load)
chromium_version=$(/usr/bin/chromium --version 2>/dev/null | grep -o 'Chromium [0-9.]*' || echo Chromium)

{
  echo "# Live view benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, load average"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end (other jobs share the machine). One broker and the processor"
  echo "(\`hookline local --services processor\`, one JVM beside the broker's), the benchmark's JVM and $chromium_version"
  echo "(headless, 1400x1000, through chromedriver), all on this machine, loopback only."
  echo
  echo "Reproduce: \`bench/liveview.sh\` (env PHONES, RATES, SECONDS_AT_RATE, LOADS, KAFKA_PORT, PROCESSOR_PORT; a rate"
  echo "written \`1000f\` in RATES runs with a filter typed). This run: \`PHONES=$PHONES RATES=$RATES SECONDS_AT_RATE=$SECONDS_AT_RATE"
  echo "LOADS=$LOADS bench/liveview.sh${*:+ $*}\`: $(( total / 60 )) min $(( total % 60 )) s in all, of which the measurements took"
  echo "$(( took / 60 )) min $(( took % 60 )) s (the rest: the build and the broker's and processor's start)."
  echo
  echo "## $PHONES lines loaded"
  echo
  echo "$PHONES Yealink phones, one line each, one \`registered\` request each written straight into"
  echo "phone.raw.v1 in $(field "$load" sent_s) s; \`/api/phones\` listed them all $(field "$load" listed_s) s after the first was sent."
  echo
  echo "## Time to first render"
  echo
  echo "Each row a fresh load of the page (from about:blank; the first one in a new browser), to"
  echo "\`stats.firstRenderMs\` (set once the snapshot is applied and the tiles drawn), in ms from navigation"
  echo "start. The page asks for \`/api/phones\` after loading its modules and \`/api/whoami\`;"
  echo "apply + draw is first render minus the snapshot's arrival."
  echo
  echo "| load | first render ms | /api/phones asked at ms | received at ms | apply + draw ms | snapshot bytes | tiles in DOM | elements in DOM | counter |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  while read -r r; do
    echo "| $(field "$r" round) | **$(field "$r" ms)** | $(field "$r" requested_ms) | $(field "$r" received_ms) | $(awk -v a="$(field "$r" ms)" -v b="$(field "$r" received_ms)" 'BEGIN {print a - b}') | $(field "$r" bytes) | $(field "$r" tiles) | $(field "$r" elements) | $(field "$r" counts | tr '_' ' ') |"
  done <<< "$(rows first_render)"
  echo
  echo "Median first render: **$(rows first_render | while read -r r; do field "$r" ms; done | median) ms**."
  echo "\`/api/phones\` alone (Java's HTTP client, same loopback):"
  echo "$(rows snapshot | while read -r r; do echo -n "$(field "$r" ms) "; done)ms, median $(rows snapshot | while read -r r; do field "$r" ms; done | median) ms"
  echo "for $(field "$(rows snapshot | head -1)" bytes) bytes. JS heap once drawn (after gc()): $(mib "$(field "$(rows heap_idle)" bytes)") MiB."
  echo
  echo "## Updates"
  echo
  echo "Calls from outside to random phones (not the first 5 tiles): \`incoming_call\`, \`call_established\` 1 s later,"
  echo "\`call_terminated\` 2 s after that, so as many calls are in progress as raw events are offered per second."
  echo "$SECONDS_AT_RATE s per rate (10 s quiet first); rates over the steady part (from 3 s, when the first calls end,"
  echo "to the last call's start). *Sent*: events of the live feed (line, device, call, call-ended, session), counted by"
  echo "a second listener outside the browser; *applied*: \`stats.eventsApplied\` in the page; *frames*: \`stats.renders\`"
  echo "(frames that redrew something: the processor's events come in bursts, one per transaction). *Page CPU*: the time"
  echo "of the tasks Chromium ran for the page, mostly its main thread (DevTools' TaskDuration, in thread time), as % of one core; of that, *script* is JavaScript"
  echo "and *layout* is style and layout. *Reloads*: snapshot fetches after a cut stream (the processor cuts a client"
  echo "too slow to take its events). *Probes unanswered*: the benchmark's questions to the page (a sample, a marker)"
  echo "that the page did not answer within 20 s, its main thread busy. *Marker*: DND switched on or off every 2 s on one of"
  echo "the first tiles' phones, from the raw record's send to its line status reaching the listener outside the browser, and to the tile's"
  echo "\`data-state\` changing in the DOM. *Caught up*: seconds from the last raw event to the processor's last live"
  echo "event (then 1 s of silence), and to the page having applied them all (-1: not within 30 s). Heap after gc()."
  filtered=$(rows rate | grep -v 'filter=none' | head -1 || true)
  if [ -n "$filtered" ]; then
    echo "The row with a filter: \`$(field "$filtered" filter)\` typed in the page's filter box (every line matches it, so the"
    echo "same tiles show, but the page filters all lines on every frame with news)."
  fi
  echo
  echo "| offered raw events/s | offered, measured | sent /s | applied /s | lowest applied in 1 s | frames /s | page CPU | script | layout | reloads | probes unanswered | marker to listener p50 / max ms | marker to tile p50 / max ms | markers | caught up s (processor / page) | heap MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  while read -r r; do
    rate=$(field "$r" rate)
    label=$rate
    [ "$rate" = 0 ] && label="0 (quiet)"
    [ "$(field "$r" filter)" = none ] || label="$rate, filter typed"
    echo "| $label | $(field "$r" offered) | $(field "$r" fed) | **$(field "$r" applied)** | $(field "$r" applied_min) | $(field "$r" renders) | $(pct "$(field "$r" page_cpu)") | $(pct "$(field "$r" script_cpu)") | $(pct "$(field "$r" layout_cpu)") | $(field "$r" refetches) | $(field "$r" unanswered) | $(field "$r" feed_lag_p50) / $(field "$r" feed_lag_max) | **$(field "$r" lag_p50)** / $(field "$r" lag_max) | $(field "$r" lag_n)$([ "$(field "$r" lag_unseen)" = 0 ] || echo " ($(field "$r" lag_unseen) unseen)") | $(field "$r" fed_done_s) / $(field "$r" applied_done_s) | $(mib "$(field "$r" heap)") |"
  done <<< "$(rows rate)"
} > "$out"
cat "$out"
