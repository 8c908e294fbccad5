#!/usr/bin/env bash
# The benchmark suite: every benchmark on this machine, one after the other (they share ports),
# each beside its baseline in the same run, writing bench/results/*.md. Bounded: each script
# bounds its own count and time; the suite took about 10 minutes here, formats.sh adds about 12
# and liveview.sh about 4. liveview.sh needs Debian's chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for bench in jmh gateway processor dispatcher e2e formats liveview; do
  echo "=== bench/$bench.sh"
  "bench/$bench.sh"
done
echo "Results: $(ls bench/results/*.md | tr '\n' ' ')"
