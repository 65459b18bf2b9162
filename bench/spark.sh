#!/usr/bin/env bash
# The Spark jobs at scale against core (docs/PERFORMANCE.md, "Spark"): Bradley-Terry on 20,000,000 generated
# comparisons over 100,000 items and a 5,000,000-vote deliberation, each on local[1] and local[2], with the
# seconds of every stage (--timings) and the peak resident memory of the whole JVM (/usr/bin/time); then core's
# own command on the same file, and the largest difference between the two results.
# Usage: bench/spark.sh [comparisons=20000000] [items=100000] [votes=5000000]
# Runs take long on a shared 2-core machine: run it when `uptime` shows a low load, and note the load.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
comparisons="${1:-20000000}"
items="${2:-100000}"
votes="${3:-5000000}"
work="${TMPDIR:-/tmp}/polity-bench-spark"
mkdir -p "$work"
pairs="$work/pairwise-$comparisons-$items.csv"
conv="$work/votes-$votes.csv"
[ -f "$pairs" ] || python3 "$home/bench/generate_pairwise.py" "$pairs" "$items" "$comparisons"
[ -f "$conv" ] || python3 "$home/bench/generate_votes.py" "$conv" "$votes"
"$home/bin/polity" --version >/dev/null        # builds outside the timing
"$home/bin/polity" spark --help >/dev/null 2>&1 || true

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "files: $pairs ($(($(wc -l < "$pairs") - 1)) rows), $conv ($(($(wc -l < "$conv") - 1)) rows)"

# run NAME OUT.json COMMAND...: wall time, peak RSS, the load average and the stage lines of one run, kept
# beside OUT.json: a run already done is reported, not repeated (the script resumes after a failure)
run() {
  local name="$1" out="$2"
  shift 2
  if [ -s "$out" ] && [ -s "$out.summary" ]; then cat "$out.summary"; return 0; fi
  local load
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$out" 2> "$work/err" || { echo "$name: FAILED"; tail -5 "$work/err"; rm -f "$out"; return 1; }
  read -r wall rss < "$work/time"
  { printf '%s: %.1f s wall, peak RSS %.2f GiB, load before %s, after %s\n' "$name" "$wall" "$(echo "$rss / 1048576" | bc -l)" \
        "$load" "$(cut -d' ' -f1-3 /proc/loadavg)"
    grep '^stage ' "$work/err" | sed 's/^/    /' || true; } > "$out.summary"
  cat "$out.summary"
}

for master in 'local[1]' 'local[2]'; do
  run "spark bt $master (I-LSR on the driver up to 50M pairs)" "$work/bt-$master.json" "$home/bin/polity" spark bt "$pairs" --json --timings --master "$master"
done
# the distributed fit (MM over partitions) on a tenth of the comparisons: MM needs hundreds of passes
small="$work/pairwise-2000000-10000.csv"
[ -f "$small" ] || python3 "$home/bench/generate_pairwise.py" "$small" 10000 2000000
run "spark bt local[2] --fit distributed, 2,000,000 comparisons over 10,000 items" "$work/bt-distributed.json" \
    "$home/bin/polity" spark bt "$small" --json --timings --master 'local[2]' --fit distributed
run "core aggregate on the same 2,000,000" "$work/bt-small-core.json" "$home/bin/polity" aggregate "$small" --model bradley-terry --method ilsr --alpha 0 --json
run "core aggregate (bradley-terry, ilsr)" "$work/bt-core.json" "$home/bin/polity" aggregate "$pairs" --model bradley-terry --method ilsr --alpha 0 --json
for master in 'local[1]' 'local[2]'; do
  run "spark deliberate $master" "$work/deliberate-$master.json" "$home/bin/polity" spark deliberate "$conv" --json --timings --master "$master"
  run "spark bridge $master" "$work/bridge-$master.json" "$home/bin/polity" spark bridge "$conv" --json --timings --master "$master"
done
run "core deliberate (with bridging)" "$work/deliberate-core.json" "$home/bin/polity" deliberate "$conv" --json

python3 - "$work" <<'PY'
import json, sys, os
w = sys.argv[1]
load = lambda n: json.load(open(os.path.join(w, n)))
for m, ref in (("local[1]", "bt-core.json"), ("local[2]", "bt-core.json"), ("distributed", "bt-small-core.json")):
    core = load(ref)
    s = load(f"bt-{m}.json")
    assert s["items"] == core["items"], "different items"
    d = max(abs(a - b) for a, b in zip(s["theta"], core["theta"]))
    top = lambda r: r["items"][max(range(len(r["theta"])), key=r["theta"].__getitem__)]
    print(f"bt {m}: max |theta_spark - theta_core| = {d:.2e}; strongest item spark {top(s)}, core {top(core)}; "
          f"{s['method']} {s['iterations']} iterations (core {core['iterations']})")
core = load("deliberate-core.json")
for m in ("local[1]", "local[2]"):
    s = load(f"deliberate-{m}.json")
    same = sum(a["group"] == b["group"] for a, b in zip(s["participants"], core["participants"]))
    cons = lambda r: [x["id"] for x in sorted((x for x in r["statements"] if x["consensus"] is not None), key=lambda x: -x["consensus"])]
    print(f"deliberate {m}: groups {s['groups']} (core {core['groups']}), same group for {same} of {len(core['participants'])} participants, "
          f"same consensus ranking: {cons(s) == cons(core)}")
    b = load(f"bridge-{m}.json")
    d = max(abs(x["bridging_intercept"] - y["bridging_intercept"]) for x, y in zip(b["statements"], core["statements"]) if y["bridging_intercept"] is not None)
    print(f"bridge {m}: max |intercept_spark - intercept_core| = {d:.2e}; sweeps {b['bridging_model']['sweeps']} (core {core['bridging_model']['sweeps']})")
PY
