#!/usr/bin/env bash
# Whole-command timing of Bradley-Terry on 1,000,000 comparisons over 1,000 items:
#   bin/polity aggregate FILE --model bradley-terry --method ilsr --alpha 0 --json
# against bench/ilsr_reference.py (an independent numpy re-implementation of I-LSR; NOT choix, which cannot be
# installed here), and checks that both agree on theta to 1e-4. Usage: bench/aggregate-bt.sh [runs]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="${TMPDIR:-/tmp}/polity-bench-bt"
mkdir -p "$work"
csv="$work/pairwise-1m.csv"
[ -f "$csv" ] || python3 "$home/bench/generate_pairwise.py" "$csv" 1000 1000000
"$home/bin/polity" --version >/dev/null  # builds the jar first if needed, outside the timing

timeit() { # prints the median wall time in seconds of running "$@" $runs times
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.3f s (min %.3f, max %.3f, %d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "file: $csv ($(wc -l < "$csv") lines)"
echo -n "polity aggregate (ilsr, alpha 0, --json): "
timeit "$home/bin/polity" aggregate "$csv" --model bradley-terry --method ilsr --alpha 0 --json
echo -n "python reference I-LSR (numpy $(python3 -c 'import numpy; print(numpy.__version__)')): "
timeit python3 "$home/bench/ilsr_reference.py" "$csv"

"$home/bin/polity" aggregate "$csv" --model bradley-terry --method ilsr --alpha 0 --json > "$work/polity.json"
python3 "$home/bench/ilsr_reference.py" "$csv" > "$work/reference.json"
python3 - "$work/polity.json" "$work/reference.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
ta = dict(zip(a["items"], a["theta"])); tb = dict(zip(b["items"], b["theta"]))
assert ta.keys() == tb.keys(), "different items"
d = max(abs(ta[k] - tb[k]) for k in ta)
print(f"max |theta_polity - theta_reference| = {d:.2e} over {len(ta)} items ({'OK' if d < 1e-4 else 'FAIL'} at 1e-4); "
      f"iterations polity {a['iterations']}, reference {b['iterations']}")
sys.exit(0 if d < 1e-4 else 1)
PY
