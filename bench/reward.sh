#!/usr/bin/env bash
# The societal reward's figures (docs/PERFORMANCE.md): pairwise accuracy on HH-RLHF's harmless-base test split
# (first half) with the issue's fixed 80/20 split, with and without norm penalties, against the shorter answer and
# chance, and on five more splits; head training speed after embedding; the reward server's throughput over loopback
# with batches of 16, without and with norm penalties. Usage: bench/reward.sh [accuracy|speed|server|all]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-all}"
data="${POLITY_DATA:-$home/../shared/data}/hh-rlhf/harmless-base-test-part1.jsonl.gz"
work="$home/target/reward-bench"
mkdir -p "$work"
polity() { "$home/bin/polity" --quiet "$@"; }
polity --version >/dev/null   # builds polity.jar when sources changed
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
polity reward train --pairs "$data" --out "$work/hh-seed13.json" --holdout 0.2 --seed 13
if [ "$which" = accuracy ] || [ "$which" = all ]; then
  echo "fixed split (seed 13), preference alone:"
  polity reward eval --model "$work/hh-seed13.json" --pairs "$data" --json
  echo "fixed split (seed 13), with the norm penalties of US/general (constitutions/starter.yaml, every registered detector):"
  polity reward eval --model "$work/hh-seed13.json" --pairs "$data" --jurisdiction US --domain general --json
  for seed in 1 2 3 4 5; do
    polity reward train --pairs "$data" --out "$work/hh-seed$seed.json" --holdout 0.2 --seed "$seed" >/dev/null
    echo "seed $seed: $(polity reward eval --model "$work/hh-seed$seed.json" --pairs "$data" --json)"
  done
fi
if [ "$which" = speed ] || [ "$which" = server ] || [ "$which" = all ]; then
  (cd "$home" && mvn -B -q -o -DskipTests -pl polity-bench -am package >&2)
fi
cp="$home/polity-bench/target/benchmarks.jar"
if [ "$which" = speed ] || [ "$which" = all ]; then
  java -cp "$cp" dev.polity.bench.RewardTrainingSpeed "$data"
fi
if [ "$which" = server ] || [ "$which" = all ]; then
  java -cp "$cp" dev.polity.bench.RewardLoad "$home/polity-cli/target/polity.jar" "$work/hh-seed13.json" "$data" "no norm penalties" 16 4
  java -cp "$cp" dev.polity.bench.RewardLoad "$home/polity-cli/target/polity.jar" "$work/hh-seed13.json" "$data" "norm penalties US/general" 16 4 US general
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
