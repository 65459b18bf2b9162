#!/usr/bin/env bash
# The gateway's bounded loopback load test (docs/PERFORMANCE.md): latency added over calling the fake upstream
# directly, p50 and p99, sequential and open-loop at fixed rates, saturation throughput, CPU taken, errors, and
# whether the audit log holds one record per answered request. Everything listens on 127.0.0.1 and every phase
# is bounded. Usage: bench/gateway-load.sh [rules|default|both]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-both}"
work="$home/target/gateway-load"
mkdir -p "$work"
"$home/bin/polity" --version >/dev/null   # builds polity.jar when sources changed
(cd "$home" && mvn -B -q -o -DskipTests -pl polity-bench -am package >&2)
cp="$home/polity-bench/target/benchmarks.jar"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# POLITY_BENCH_JAVA_OPTS: e.g. "-Dpolity.bench.repeats=1 -Dpolity.bench.gatewayJvm=-XX:+UseZGC" (times each measured
# phase runs, the gateway JVM's options); each phase runs three times by default, each repetition a row.
run() { java -Xmx1g -Dpolity.bench.repeats=3 "$@"; }
main=(-cp "$cp" dev.polity.bench.GatewayLoad "$home/polity-cli/target/polity.jar" "$work")
if [ "$which" = rules ] || [ "$which" = both ]; then
  run ${POLITY_BENCH_JAVA_OPTS:-} "${main[@]}" "$home/bench/gateway/rules.yaml" rules+pii 2000 seq 200:10 500:10 saturate:10
fi
if [ "$which" = default ] || [ "$which" = both ]; then
  # a shorter warm-up: a request takes 15 times longer here, and the tails are judging's, not the JIT's
  run -Dpolity.bench.warmup=3000 ${POLITY_BENCH_JAVA_OPTS:-} "${main[@]}" "$home/bench/gateway/default.yaml" default 500 seq 20:15 saturate:10
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
