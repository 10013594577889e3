#!/usr/bin/env bash
# Runs every apiauth benchmark against google-auth-library-java and Spring Security's OAuth2 client
# and writes docs/performance.md. About 7.5 minutes on 2 cores; nothing leaves the loopback interface.
#
#   auth-benchmarks/run-benchmarks.sh            build benchmarks.jar if it is missing, run, write the doc
#   auth-benchmarks/run-benchmarks.sh --rebuild  rebuild the jar first (and the modules it depends on)
#
# BENCH_NOTE="..." adds a sentence about the conditions (e.g. a busy machine) to the Machine section.
# Results and logs stay in auth-benchmarks/target/benchmark-results.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=auth-benchmarks/target/benchmarks.jar
RESULTS=auth-benchmarks/target/benchmark-results
DOC=docs/performance.md
JAVA=${JAVA:-java}

if [ "${1:-}" = "--rebuild" ] || [ ! -f "$JAR" ]; then
  echo "building $JAR"
  # -am builds auth-spi, auth-core and the five providers too, so this works on a clean checkout.
  ./mvnw -B -q -ntp -pl auth-benchmarks -am -DskipTests package
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS" docs
COMMANDS="$RESULTS/commands.txt"
: > "$COMMANDS"

# Runs a command, recording it exactly as run for the document.
run() {
  local quoted
  quoted=$(printf '%q ' "$@")
  echo "${quoted% }" >> "$COMMANDS"
  echo "+ ${quoted% }"
  "$@"
}

{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus:      $(nproc) ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'))"
  echo "memory:    $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1/5/15 min averages, before the run)"
  "$JAVA" -version 2>&1 | sed 's/^/java:      /'
  if [ -n "${BENCH_NOTE:-}" ]; then echo "note:      $BENCH_NOTE"; fi
} > "$RESULTS/machine.txt"
started=$(date +%s)

# Hot path: 3 libraries and a control, each on 1 thread then (its _2threads twin) on 2 threads,
# 2 forks x (3 s warm-up + 5 s measurement). The pattern is anchored: JMH includes by regular
# expression, and other classes end in HotPathBenchmark.
run "$JAVA" -jar "$JAR" '\.HotPathBenchmark\.' -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc \
  -rf json -rff "$RESULTS/hot-path.json" -o "$RESULTS/hot-path.log"

# Integration: the loopback GET, both clients interleaved block by block in one JVM (drift on a shared
# machine cancels), then the handler alone without the network.
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.IntegrationOverhead --warmup-s 10 --seconds 40 --block 100 \
  --out "$RESULTS/integration.json"
run "$JAVA" -jar "$JAR" '\.IntegrationHandlerBenchmark\.' -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc \
  -rf json -rff "$RESULTS/integration-handler.json" -o "$RESULTS/integration-handler.log"

# Harnesses that are not JMH: each prints its figures and writes JSON.
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.RefreshStorm --threads 1000 --latency-ms 50 --lifetime-s 2 \
  --out "$RESULTS/storm.json"
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.RefreshAhead --seconds 20 --lifetime-s 2 --latency-ms 50 \
  --threads 4 --pause-us 500 --out "$RESULTS/refresh-ahead.json"
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.ColdStartHarness --runs 15 --out "$RESULTS/cold-start.json"
# The same with a dynamic AppCDS archive per library (one training JVM each, archives in $RESULTS/cds-archives),
# then where apiauth's first token goes: its dependencies' first use preloaded one by one before timing.
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.ColdStartHarness --cds --runs 8 --out "$RESULTS/cold-start-cds.json"
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.ColdStartBreakdown --runs 8 --out "$RESULTS/cold-start-breakdown.json"
# Idle cost: fresh JVMs with one account (and the peers, and a bare JVM) counting wake-ups over 10 s without a request.
run "$JAVA" -cp "$JAR" dev.apiauth.benchmarks.harness.IdleWakeups --seconds 10 --runs 2 --out "$RESULTS/idle.json"

finished=$(date +%s)
{
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (after the run)"
  echo "duration:  $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s"
} >> "$RESULTS/machine.txt"

"$JAVA" -cp "$JAR" dev.apiauth.benchmarks.report.PerformanceReport "$RESULTS" "$DOC" auth-benchmarks/analysis.md
