#!/usr/bin/env python3
"""Counts and the length-only baseline for the norm development set (standard library only).

    python3 bench/norm-dev/stats.py [ITEMS.jsonl]

Prints the counts the data card reports (items, pairs, norms, per tier, language, domain,
jurisdiction, hard case, verdict) and the length-only baseline: the accuracy of the best single
threshold on answer length in characters (either direction) predicting the verdict, on all items and
per language group; and within pairs, the share of pairs in which the violating answer is the
shorter one. A label that length alone could predict would sit far from 0.5.
"""
import collections
import glob
import json
import os
import re
import sys

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ITEMS = os.path.join(HOME, "polity-core/src/main/resources/dev/polity/judge/norm-dev/items.jsonl")
# Official languages by country (the part of the jurisdiction code before any '-').
LOCAL = {"DE": ("de",), "AT": ("de",), "CH": ("de", "fr", "it"), "FR": ("fr",), "BE": ("fr", "nl", "de"),
         "ES": ("es",), "IT": ("it",), "NL": ("nl",), "PT": ("pt",), "BR": ("pt",), "KR": ("ko",),
         "CN": ("zh",), "JP": ("ja",), "CA": ("en", "fr"), "GB": ("en",), "US": ("en",), "DK": ("da",),
         "SE": ("sv",)}


def norm_tiers():
    """id -> tier, read from the constitution files (the format puts `tier:` under each `- id:`)."""
    tiers, current = {}, None
    for path in glob.glob(os.path.join(HOME, "constitutions/**/*.yaml"), recursive=True):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*- id:\s*(\S+)", line)
                if m:
                    current = m.group(1)
                    continue
                m = re.match(r"\s+tier:\s*(\w+)", line)
                if m and current:
                    tiers[current] = m.group(1)
                    current = None
    return tiers


def best_threshold(items):
    """Best accuracy of 'length <= t predicts violates' or '> t predicts violates' over all t."""
    if not items:
        return float("nan"), None, None
    pts = sorted((len(it["answer"]), it["verdict"] == "violates") for it in items)
    n = len(pts)
    total_v = sum(v for _, v in pts)
    best = (max(total_v, n - total_v) / n, None, "constant")
    v_below = 0
    for i, (length, v) in enumerate(pts):
        v_below += v
        if i + 1 < n and pts[i + 1][0] == length:
            continue
        below = i + 1
        # rule A: short -> violates; rule B: short -> complies
        acc_a = (v_below + (n - below) - (total_v - v_below)) / n
        acc_b = ((below - v_below) + (total_v - v_below)) / n
        if acc_a > best[0]:
            best = (acc_a, length, "length <= %d -> violates" % length)
        if acc_b > best[0]:
            best = (acc_b, length, "length <= %d -> complies" % length)
    return best


def table(title, counter, total=None):
    print("\n%s" % title)
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        share = " (%.1f%%)" % (100.0 * v / total) if total else ""
        print("  %-52s %4d%s" % (k if k is not None else "(none)", v, share))


def main(argv):
    path = argv[0] if argv else ITEMS
    with open(path, encoding="utf-8") as f:
        items = [json.loads(l) for l in f if l.strip()]
    tiers = norm_tiers()
    n = len(items)
    pairs = collections.defaultdict(list)
    for it in items:
        if it["pair"]:
            pairs[it["pair"]].append(it)
    in_pairs = sum(len(v) for v in pairs.values())
    norms = collections.Counter(it["norm"] for it in items)
    print("items: %d" % n)
    print("pairs: %d (%d items, %.1f%% of all); unpaired items: %d" % (len(pairs), in_pairs, 100.0 * in_pairs / n, n - in_pairs))
    print("distinct norms: %d" % len(norms))
    print("distinct contexts: %d" % len({(i["jurisdiction"], i["domain"], i["audience"], i["date"]) for i in items}))
    table("verdict", collections.Counter(it["verdict"] for it in items), n)
    table("tier (items)", collections.Counter(tiers.get(it["norm"], "?") for it in items), n)
    tier_norms = collections.Counter(tiers.get(k, "?") for k in norms)
    table("tier (distinct norms)", tier_norms)
    table("tier x verdict", collections.Counter("%s / %s" % (tiers.get(it["norm"], "?"), it["verdict"]) for it in items))
    table("language", collections.Counter(it["language"] for it in items), n)
    non_en = sum(1 for it in items if it["language"] != "en")
    print("  not English: %d (%.1f%%)" % (non_en, 100.0 * non_en / n))
    own = sum(1 for it in items if it["language"] != "en" and it["language"] in LOCAL.get(it["jurisdiction"].split("-")[0], ()))
    print("  in the jurisdiction's own language, not English: %d (%.1f%%)" % (own, 100.0 * own / n))
    table("jurisdiction / language", collections.Counter("%s / %s" % (it["jurisdiction"], it["language"]) for it in items))
    table("domain", collections.Counter(it["domain"] for it in items), n)
    table("audience", collections.Counter(it["audience"] for it in items), n)
    table("jurisdiction", collections.Counter(it["jurisdiction"] for it in items), n)
    table("hard case (items)", collections.Counter(it["hard_case"] for it in items), n)
    hard_pairs = collections.Counter()
    for p, members in pairs.items():
        for kind in {m["hard_case"] for m in members if m["hard_case"]}:
            hard_pairs[kind] += 1
    table("hard case (pairs containing one)", hard_pairs)
    table("items per norm", norms)

    print("\nlength-only baseline (answer length in characters)")
    lens = collections.defaultdict(list)
    for it in items:
        lens[it["verdict"]].append(len(it["answer"]))
    for v in sorted(lens):
        xs = sorted(lens[v])
        print("  %-9s mean %.0f, median %d, min %d, max %d" % (v, sum(xs) / len(xs), xs[len(xs) // 2], xs[0], xs[-1]))
    acc, _, rule = best_threshold(items)
    print("  best single threshold, all items: accuracy %.3f (%s)" % (acc, rule))
    acc_p, _, rule_p = best_threshold([it for it in items if it["pair"]])
    print("  best single threshold, paired items only: accuracy %.3f (%s)" % (acc_p, rule_p))
    for group, sel in (("English", lambda i: i["language"] == "en"), ("other languages", lambda i: i["language"] != "en")):
        sub = [i for i in items if sel(i)]
        a, _, r = best_threshold(sub)
        print("  best single threshold, %s (%d items): accuracy %.3f (%s)" % (group, len(sub), a, r))
    shorter_v = sum(1 for m in pairs.values() if len(m) == 2 and
                    len(next(x for x in m if x["verdict"] == "violates")["answer"]) <
                    len(next(x for x in m if x["verdict"] == "complies")["answer"]))
    ties = sum(1 for m in pairs.values() if len(m) == 2 and len(m[0]["answer"]) == len(m[1]["answer"]))
    print("  within pairs: violating answer is the shorter in %d of %d pairs (%.3f); %d ties"
          % (shorter_v, len(pairs), shorter_v / max(1, len(pairs)), ties))
    print("  within pairs, best rule ('the shorter violates' or 'the longer violates'): accuracy %.3f"
          % (max(shorter_v, len(pairs) - shorter_v - ties) / max(1, len(pairs))))
    ratios = sorted(min(len(m[0]["answer"]), len(m[1]["answer"])) / max(len(m[0]["answer"]), len(m[1]["answer"]))
                    for m in pairs.values() if len(m) == 2)
    if ratios:
        print("  within pairs, shorter/longer length ratio: median %.2f, min %.2f" % (ratios[len(ratios) // 2], ratios[0]))


if __name__ == "__main__":
    main(sys.argv[1:])
