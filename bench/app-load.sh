#!/usr/bin/env bash
# The web app's bounded loopback load test (docs/PERFORMANCE.md): 200 simulated participants voting for a
# minute against polity serve on 127.0.0.1 (each votes every 0.5 to 1.5 s and loads the next page, one vote
# in twenty sent twice), then every acknowledged vote checked in the database, and the time to refresh the
# results of 1,000 participants x 100 statements. Run it without nice. Usage: bench/app-load.sh [PARTICIPANTS SECONDS]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
participants="${1:-200}"
seconds="${2:-60}"
work="$home/target/app-load"
mkdir -p "$work"
"$home/bin/polity" --version >/dev/null   # builds polity.jar when sources changed
(cd "$home" && mvn -B -q -o -DskipTests -pl polity-bench -am package >&2)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp "$home/polity-bench/target/benchmarks.jar" dev.polity.bench.AppLoad "$home/polity-cli/target/polity.jar" "$home" "$work" "$participants" "$seconds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
