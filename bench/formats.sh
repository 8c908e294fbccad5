#!/usr/bin/env bash
# Value formats benchmark: what each topic value format costs, avro-single-object (the default)
# beside avro-registry (the Confluent wire format, against a schema registry) and json.
#   1. JMH (FormatBenchmark, run by FormatBenchmarkRun): encoding and decoding one record through the
#      codec the services use, per format, for the processor's input (RawPhoneRequest) and outputs
#      (PhoneEvent, CallSession, LineStatus, DeviceState); the encoded sizes. avro-registry's trials
#      start a registry (LocalRegistry) for the schema id. Before any broker runs.
#   2. The processor (ProcessorFormatsBench): Hookline's topology in each format on the same input
#      written in that format, on one broker and a registry from `hookline local --registry`, in
#      one JVM: a warm-up round, then ROUNDS rounds, each running every format once (order rotated).
# Writes bench/results/formats.md. Bounded: JMH 30 trials of 4 x 1 s warm-up and 8 x 0.5 s measured
# (about 8 min here, the registry starts included), EVENTS raw records per processor run, 3 x (ROUNDS + 1)
# runs of at most 5 min each (about 4 min here); the whole script about 12 min.
# Arguments go to the processor benchmark's JVM, as for processor.sh (-Dhookline.KEY=VALUE);
# JMH_OPTS to JMH (e.g. JMH_OPTS="-p record=LineStatus" for one record).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

EVENTS="${EVENTS:-300000}"
PARTITIONS="${PARTITIONS:-3}"
THREADS="${THREADS:-1}"
ROUNDS="${ROUNDS:-3}"
JMH_OPTS="${JMH_OPTS:-}"
KAFKA_PORT="${KAFKA_PORT:-19192}"
REGISTRY_PORT="${REGISTRY_PORT:-18085}"
out=bench/results/formats.md
started=$(date +%s)

# One reactor build, so the classpath names this checkout's module jars, not older ones in ~/.m2;
# it also unpacks the registry (deploy/target/apicurio-registry/) that LocalRegistry runs.
mvn -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl deploy,bench -am
bench_cp="bench/target/classes:$(cat bench/target/classpath.txt)"
work="$(mktemp -d)"
local_pid=""
trap '[ -n "$local_pid" ] && kill $local_pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. JMH, before any broker runs. JMH_OPTS is a list of options, split on purpose.
# shellcheck disable=SC2086
if ! timeout 900 java -cp "$bench_cp" dev.hookline.bench.jmh.FormatBenchmarkRun $JMH_OPTS > "$work/jmh.log" 2>&1; then
  echo "the JMH benchmark failed" >&2; tail -50 "$work/jmh.log" >&2; exit 1
fi
jmh=$(grep '^RESULT' "$work/jmh.log")
sizes=$(grep -o 'SIZE .*' "$work/jmh.log" | sort -u)
registry_idle=$(grep -o 'REGISTRY .*' "$work/jmh.log" || true)
jmh_done=$(date +%s)

# 2. The processor, on one broker and a registry.
for port in "$KAFKA_PORT" "$REGISTRY_PORT"; do
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "port $port is in use (another hookline local?)" >&2; exit 1
  fi
done
java -jar deploy/target/hookline.jar local --data-dir "$work/data" --kafka-port "$KAFKA_PORT" --services none \
  --registry --registry-port "$REGISTRY_PORT" > "$work/local.log" 2>&1 &
local_pid=$!
for _ in $(seq 1 600); do grep -q "hookline local ready" "$work/local.log" && break; sleep 0.2; done
grep -q "hookline local ready" "$work/local.log" || { echo "hookline local did not start" >&2; cat "$work/local.log" >&2; exit 1; }
registry_url=$(awk '$1 == "schema" && $2 == "registry" {print $3}' "$work/local.log")

if ! results=$(timeout 2400 java -Dthreads="$THREADS" -Drounds="$ROUNDS" "$@" -cp "$bench_cp" \
    dev.hookline.bench.ProcessorFormatsBench "localhost:$KAFKA_PORT" "$EVENTS" "$PARTITIONS" "$registry_url" "$local_pid" \
    2>"$work/bench.log" | grep '^RESULT'); then
  echo "the processor benchmark failed" >&2; tail -50 "$work/bench.log" >&2; exit 1
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
finished=$(date +%s)

formats="avro-single-object avro-registry json"
records="RawPhoneRequest PhoneEvent CallSession LineStatus DeviceState"
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) printf "-"; else printf "%.2f", a / b}'; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
jmh_line() { echo "$jmh" | grep " op=$1 format=$2 record=$3 " || true; }
size() { field "$(echo "$sizes" | grep " format=$1 record=$2 " || true)" bytes; }
run() { echo "$results" | grep "name=$1 round=$2 "; }
round_label() { if [ "$1" = 0 ]; then echo "warm-up"; else echo "$1"; fi; }
# Per measured round, a format's figure ÷ single-object's: one number a line.
round_ratios() {
  for round in $(seq 1 "$ROUNDS"); do
    ratio "$(field "$(run "$1" "$round")" "$2")" "$(field "$(run avro-single-object "$round")" "$2")"; echo
  done
}
range() { grep -v '^-$' | sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR) printf "%s to %s", lo, hi}'; }
jmh_ratio_range() { # op format [field, default cpu_ns] -> "min to max" of format ÷ single-object over the records
  for record in $records; do
    ratio "$(field "$(jmh_line "$1" "$2" "$record")" "${3:-cpu_ns}")" "$(field "$(jmh_line "$1" avro-single-object "$record")" "${3:-cpu_ns}")"; echo
  done | range
}

registry_whole=$(round_ratios avro-registry rate | median)
registry_steady=$(round_ratios avro-registry steady_rate | median)
registry_min=$(round_ratios avro-registry rate | sort -n | head -1)
json_whole=$(round_ratios json rate | median)
json_steady=$(round_ratios json steady_rate | median)
cpu_of() { for round in $(seq 1 "$ROUNDS"); do field "$(run "$1" "$round")" "${2:-processor_cpu_us}"; done | median; }
rounds_of() { round_ratios "$1" rate | paste -sd, | sed 's/,/, /g'; }
verdict=$(awk -v r="$registry_whole" 'BEGIN {print (r != "" && r >= 0.90 ? "met" : "not met")}')

{
  echo "# Value formats benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1); load average $load_before"
  echo "before, $load_after after (the machine is shared with other jobs). The whole run took"
  echo "$(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s (JMH $(( (jmh_done - started) / 60 )) min $(( (jmh_done - started) % 60 )) s, build included)."
  echo
  echo "Reproduce: \`bench/formats.sh\` (env EVENTS=$EVENTS, ROUNDS=$ROUNDS, PARTITIONS=$PARTITIONS, THREADS=$THREADS, JMH_OPTS)."
  echo
  echo "## Encoding and decoding one record (JMH)"
  echo
  echo "\`FormatBenchmark\`: the codec a service uses (\`ValueFormats.codec\`: writes its format, reads any by the"
  echo "first byte; avro-registry through the real \`RegistryCodec\`, its schema id and schema registered in a"
  echo "registry started for the trial and kept by the codec), one fork per format and record, 4 x 1 s warm-up,"
  echo "8 x 0.5 s measured. CPU ns per operation: the benchmark thread's CPU time in an iteration ÷ its"
  echo "operations, median of the 8 iterations (min to max in brackets); the ratios are of these. Wall ns per"
  echo "operation (JMH's score, median of the iterations) is shown beside it but not compared: with other jobs"
  echo "on these 2 cores it was 1 to 20 times the CPU time, differently in each trial. Bytes allocated per"
  echo "operation: JMH's GC profiler. RawPhoneRequest is the processor benchmark's input (a Yealink GET, no"
  echo "body); the outputs are \`SampleRecords\`' (every optional field set)."
  echo
  echo "| record | operation | avro-single-object CPU ns | avro-registry CPU ns | json CPU ns | registry ÷ single-object | json ÷ single-object | wall ns, median (single-object / registry / json) | bytes allocated (single-object / registry / json) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for record in $records; do
    for op in encode decode; do
      row="| $record | $op"
      for format in $formats; do
        l=$(jmh_line "$op" "$format" "$record")
        if [ -n "$l" ]; then row="$row | $(field "$l" cpu_ns) ($(field "$l" cpu_min_ns) to $(field "$l" cpu_max_ns))"; else row="$row | -"; fi
      done
      single=$(field "$(jmh_line "$op" avro-single-object "$record")" cpu_ns)
      row="$row | $(ratio "$(field "$(jmh_line "$op" avro-registry "$record")" cpu_ns)" "$single")"
      row="$row | $(ratio "$(field "$(jmh_line "$op" json "$record")" cpu_ns)" "$single")"
      row="$row | $(for format in $formats; do field "$(jmh_line "$op" "$format" "$record")" median_ns; done | paste -sd/ | sed 's|/| / |g')"
      row="$row | $(for format in $formats; do field "$(jmh_line "$op" "$format" "$record")" alloc_bytes; done | paste -sd/ | sed 's|/| / |g') |"
      echo "$row"
    done
  done
  echo
  echo "Bytes per record:"
  echo
  echo "| record | avro-single-object | avro-registry | json | json ÷ single-object |"
  echo "| --- | --- | --- | --- | --- |"
  for record in $records; do
    echo "| $record | $(size avro-single-object "$record") | $(size avro-registry "$record") | $(size json "$record") | $(ratio "$(size json "$record")" "$(size avro-single-object "$record")") |"
  done
  echo
  echo "The registry's JVM during avro-registry's trials (it is not called once the codec has the id):"
  echo "$(echo "$registry_idle" | awk -F'[= ]' '{for (i = 1; i < NF; i++) {if ($i == "cpu_ms") c += $(i + 1); if ($i == "seconds") s += $(i + 1)}}
    END {if (NR) printf "%d ms of CPU in %d s of %d trials (%.1f%% of a core).", c, s, NR, c / 10 / (s ? s : 1); else print "no trial."}')"
  echo
  echo "## The processor in each format"
  echo
  echo "\`ProcessorFormatsBench\`: Hookline's topology (exactly once v2, $THREADS stream thread) consuming $EVENTS raw records"
  echo "(Yealink calls of 5,000 phones, as \`processor.sh\`) on $PARTITIONS partitions from the start, each format on"
  echo "its own topics: the input written in that format, every output in that format (avro-registry:"
  echo "\`value.format=avro-registry\` against the registry of \`hookline local --registry\`, Apicurio). One JVM, one"
  echo "broker (\`hookline local --services none --registry\`); a warm-up round, then $ROUNDS round(s) of the three"
  echo "formats in turn, order rotated each round. Whole run: from start until the committed offsets reach the end"
  echo "of the input; steady: from a third of the input to the end (as \`processor.sh\`). CPU per event: this JVM"
  echo "(the processor), and \`hookline local\` with its children (broker, registry), over the whole run."
  echo
  echo "Raw input per record: $(for format in $formats; do echo "$format $(field "$(echo "$results" | grep "name=input format=$format ")" bytes_per_record) bytes"; done | paste -sd ';' | sed 's/;/; /g')."
  echo
  echo "| round | format | seconds | events/s, whole run | events/s, steady | ÷ single-object, whole | steady | CPU µs/event, processor | CPU µs/event, broker + registry |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for round in $(seq 0 "$ROUNDS"); do
    single=$(run avro-single-object "$round")
    for format in $formats; do
      r=$(run "$format" "$round")
      echo "| $(round_label "$round") | $format | $(field "$r" seconds) | $(field "$r" rate) | $(field "$r" steady_rate) | $(ratio "$(field "$r" rate)" "$(field "$single" rate)") | $(ratio "$(field "$r" steady_rate)" "$(field "$single" steady_rate)") | $(field "$r" processor_cpu_us) | $(field "$r" local_cpu_us) |"
    done
  done
  echo
  echo "## Reading"
  echo
  echo "- **Target: avro-registry costs no more than 10% over single-object on the processor (events/s ratio"
  echo "  ≥ 0.90): $verdict.** avro-registry ÷ single-object, median of the $ROUNDS measured rounds: $registry_whole whole run"
  echo "  (rounds: $(rounds_of avro-registry)), $registry_steady steady. CPU per event, median of the rounds, less"
  echo "  moved by other jobs than events/s: processor $(cpu_of avro-registry) µs against $(cpu_of avro-single-object) µs, broker and registry"
  echo "  $(cpu_of avro-registry local_cpu_us) µs against $(cpu_of avro-single-object local_cpu_us) µs. Per record (JMH, CPU), avro-registry ÷ single-object is"
  echo "  $(jmh_ratio_range encode avro-registry) to encode and $(jmh_ratio_range decode avro-registry) to decode. Both write the same Avro binary body"
  echo "  (a 5-byte header instead of a 10-byte one); the registry codec takes the schema id and the reader from"
  echo "  its own maps once the service's start registered them, and reads the body from the byte array through"
  echo "  Avro's buffered decoder, where Avro's single-object decoder reads it from an InputStream (unbuffered)."
  echo "- **json: $json_whole of single-object's events/s (median of the rounds, whole run: $(rounds_of json); $json_steady"
  echo "  steady), processor CPU $(cpu_of json) µs per event against $(cpu_of avro-single-object) µs, broker $(cpu_of json local_cpu_us) µs against $(cpu_of avro-single-object local_cpu_us) µs.** Per record"
  echo "  (JMH, CPU) json costs $(jmh_ratio_range encode json) times single-object's time to encode and $(jmh_ratio_range decode json) times to"
  echo "  decode, and allocates $(jmh_ratio_range encode json alloc_bytes) and $(jmh_ratio_range decode json alloc_bytes) times the bytes (garbage the processor's GC"
  echo "  collects); its values are $(for record in $records; do ratio "$(size json "$record")" "$(size avro-single-object "$record")"; echo; done | range) times the size (field names in every value, timestamps as"
  echo "  ISO-8601 text, enums as their symbols), which producer, broker and consumer carry. Inside the codec:"
  echo "  decoding builds a Jackson tree and parses each timestamp with \`Instant.parse\`; encoding looks up each"
  echo "  nullable field's union branch with a stream and formats timestamps with \`Instant.toString\`. A profile:"
  echo "  \`bench/README.md\`, \"Reading the formats figures\"."
} > "$out"
cat "$out"
