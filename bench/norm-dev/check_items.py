#!/usr/bin/env python3
"""Checks the labelled norm development set (standard library only).

    python3 bench/norm-dev/check_items.py [ITEMS.jsonl] [--polity CMD]

For every item: valid JSON, all keys in the agreed order, field types and vocabularies, unique ids;
for every pair: exactly two items with the same context, norm, prompt and language, one 'complies'
and one 'violates', answer lengths within 20% (the shorter at least 0.8 of the longer); for every
distinct context: `polity norms resolve --format json` is run once and each item's norm must be among
the norms that apply there (not overridden, not in a gap). Answers must not copy a constitution
example. Exits 1 on any error.

The resolver is run as `java -jar polity-cli/target/polity.jar` when that jar exists (the items file
lives under src/main, so bin/polity would rebuild the jar after every edit of it), else bin/polity.
"""
import difflib
import glob
import json
import os
import re
import subprocess
import sys

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ITEMS = os.path.join(HOME, "polity-core/src/main/resources/dev/polity/judge/norm-dev/items.jsonl")
CONSTITUTION = os.path.join(HOME, "constitutions/starter.yaml")

KEYS = ["id", "pair", "norm", "jurisdiction", "domain", "audience", "date", "prompt", "answer",
        "verdict", "language", "hard_case", "batch", "note"]
VERDICTS = {"complies", "violates"}
HARD_CASES = {None, "unusual-disclosure", "ai-mention-without-disclosure", "refusal-leaks",
              "dose-in-caveat", "bias-in-helpful-answer", "alarming-words-harmless",
              "refusal-that-complies", "persona", "other-hard"}
DOMAINS = {None, "general", "healthcare", "legal", "education", "public-administration", "finance",
           "companionship"}
AUDIENCES = {None, "adult", "minor", "professional"}
MIN_LENGTH_RATIO = 0.8


def polity_command(override):
    if override:
        return override.split()
    jar = os.path.join(HOME, "polity-cli/target/polity.jar")
    if os.path.isfile(jar):
        return ["java", "-jar", jar]
    return [os.path.join(HOME, "bin/polity")]


def resolve(cmd, ctx):
    jurisdiction, domain, audience, date = ctx
    args = cmd + ["norms", "resolve", CONSTITUTION, "--jurisdiction", jurisdiction, "--date", date,
                  "--format", "json"]
    if domain:
        args += ["--domain", domain]
    if audience:
        args += ["--audience", audience]
    env = dict(os.environ, POLITY_HOME=HOME)
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=HOME)
    if out.returncode != 0:
        raise RuntimeError("resolve failed for %s: %s" % (ctx, out.stderr.strip()))
    data = json.loads(out.stdout)
    applicable = {n["id"] for n in data["norms"]}
    overridden = {o["id"]: o.get("by") for o in data.get("overridden", [])}
    in_gap = {n for g in data.get("gaps", []) for n in g["norms"]}
    return applicable, overridden, in_gap


def constitution_examples():
    """Quoted strings in the examples' compliant/violating lists of every constitution file."""
    found = []
    for path in glob.glob(os.path.join(HOME, "constitutions/**/*.yaml"), recursive=True):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if re.match(r"\s*(compliant|violating):", line):
                    found += [s.replace('\\"', '"') for s in re.findall(r'"((?:[^"\\]|\\.)*)"', line)]
    return found


def norm(text):
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def main(argv):
    path, override = ITEMS, None
    rest = list(argv)
    while rest:
        a = rest.pop(0)
        if a == "--polity":
            override = rest.pop(0)
        else:
            path = a
    errors, warnings = [], []
    items = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                errors.append("line %d: empty line" % n)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("line %d: invalid JSON: %s" % (n, e))
                continue
            if list(obj.keys()) != KEYS:
                errors.append("line %d: keys %s, expected %s" % (n, list(obj.keys()), KEYS))
                continue
            items.append((n, obj))

    ids = {}
    for n, it in items:
        where = "line %d (%s)" % (n, it["id"])
        if not isinstance(it["id"], str) or not re.fullmatch(r"nd-\d{4,}", it["id"]):
            errors.append("%s: bad id" % where)
        if it["id"] in ids:
            errors.append("%s: duplicate id (also line %d)" % (where, ids[it["id"]]))
        ids[it["id"]] = n
        if it["pair"] is not None and not re.fullmatch(r"p-\d{4,}", str(it["pair"])):
            errors.append("%s: bad pair %r" % (where, it["pair"]))
        for k in ("norm", "jurisdiction", "date", "prompt", "answer", "note", "language"):
            if not isinstance(it[k], str) or not it[k].strip():
                errors.append("%s: %s must be a non-empty string" % (where, k))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(it["date"])):
            errors.append("%s: bad date %r" % (where, it["date"]))
        if it["domain"] not in DOMAINS:
            errors.append("%s: unknown domain %r" % (where, it["domain"]))
        if it["audience"] not in AUDIENCES:
            errors.append("%s: unknown audience %r" % (where, it["audience"]))
        if it["verdict"] not in VERDICTS:
            errors.append("%s: verdict %r" % (where, it["verdict"]))
        if not re.fullmatch(r"[a-z]{2}", str(it["language"])):
            errors.append("%s: language must be an ISO 639-1 code, got %r" % (where, it["language"]))
        if it["hard_case"] not in HARD_CASES:
            errors.append("%s: unknown hard_case %r" % (where, it["hard_case"]))
        if not isinstance(it["batch"], int) or it["batch"] < 1:
            errors.append("%s: batch must be a positive integer" % where)

    pairs = {}
    for n, it in items:
        if it["pair"] is not None:
            pairs.setdefault(it["pair"], []).append((n, it))
    for p, members in sorted(pairs.items()):
        if len(members) != 2:
            errors.append("pair %s: %d items, expected 2" % (p, len(members)))
            continue
        (_, a), (_, b) = members
        for k in ("norm", "jurisdiction", "domain", "audience", "date", "prompt", "language", "batch"):
            if a[k] != b[k]:
                errors.append("pair %s: %s differs (%r vs %r)" % (p, k, a[k], b[k]))
        if {a["verdict"], b["verdict"]} != VERDICTS:
            errors.append("pair %s: verdicts %s and %s" % (p, a["verdict"], b["verdict"]))
        la, lb = len(a["answer"]), len(b["answer"])
        if min(la, lb) < MIN_LENGTH_RATIO * max(la, lb):
            errors.append("pair %s: answer lengths %d and %d differ by more than 20%%" % (p, la, lb))
        if a["answer"] == b["answer"]:
            errors.append("pair %s: identical answers" % p)

    examples = [(e, norm(e)) for e in constitution_examples()]
    for n, it in items:
        ans = norm(it["answer"])
        for raw, ex in examples:
            if len(ex) < 12:
                continue
            sm = difflib.SequenceMatcher(None, ans, ex, autojunk=False)
            if ex in ans or (sm.real_quick_ratio() > 0.7 and sm.quick_ratio() > 0.7 and sm.ratio() > 0.7):
                errors.append("line %d (%s): answer too close to the constitution example %r" % (n, it["id"], raw))

    cmd = polity_command(override)
    contexts = sorted({(it["jurisdiction"], it["domain"], it["audience"], it["date"]) for _, it in items},
                      key=lambda c: tuple("" if x is None else x for x in c))
    resolved = {}
    for ctx in contexts:
        try:
            resolved[ctx] = resolve(cmd, ctx)
        except RuntimeError as e:
            errors.append(str(e))
    for n, it in items:
        ctx = (it["jurisdiction"], it["domain"], it["audience"], it["date"])
        if ctx not in resolved:
            continue
        applicable, overridden, in_gap = resolved[ctx]
        if it["norm"] not in applicable:
            why = "not in scope or not in force"
            if it["norm"] in overridden:
                why = "overridden by %s" % overridden[it["norm"]]
            elif it["norm"] in in_gap:
                why = "in an unresolved gap"
            errors.append("line %d (%s): norm %s does not apply in %s: %s" % (n, it["id"], it["norm"], ctx, why))

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("%d items, %d pairs, %d contexts resolved, %d errors, %d warnings"
          % (len(items), len(pairs), len(resolved), len(errors), len(warnings)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
