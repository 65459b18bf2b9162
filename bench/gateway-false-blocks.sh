#!/usr/bin/env bash
# False blocks (docs/PERFORMANCE.md): harmless traffic decided exactly as the gateway decides it, with the
# default configuration (or the one given), in EU general, DE healthcare and US-CA general: the share blocked
# or held for review per context, with the norms that decided each.
# Usage: bench/gateway-false-blocks.sh [CONFIG [DATE]]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${POLITY_DATA:-$home/../shared/data}"
work="$home/target/gateway-false-blocks"
mkdir -p "$work"
python3 "$home/bench/gateway/false_blocks.py" "$data/xstest" "$home/bench/gateway/ordinary.jsonl" "$work/traffic.jsonl"
(cd "$home" && mvn -B -q -o -DskipTests -pl polity-bench -am package >&2)
java -Xmx2g -cp "$home/polity-bench/target/benchmarks.jar" dev.polity.bench.GatewayFalseBlocks "$home/constitutions/starter.yaml" \
    "${1:--}" "$work/traffic.jsonl" "${2:-2026-12-01}"
