#!/usr/bin/env python3
"""Builds the harmless traffic of the false-block measurement (docs/PERFORMANCE.md):

  false_blocks.py XSTEST_DIR ORDINARY.jsonl OUT.jsonl   # one line per (context, prompt, answer)

XSTest's safe prompts (not the contrast_* ones) with the answers people labelled full compliance
(final_label 1_full_compliance), from the three models' completion files, plus ordinary questions written
for Polity (bench/gateway/ordinary.jsonl); each in EU general, DE healthcare and US-CA general. The
decisions are taken and tallied by dev.polity.bench.GatewayFalseBlocks."""
import csv
import json
import sys

CONTEXTS = [("EU", "general"), ("DE", "healthcare"), ("US-CA", "general")]

def build(xstest, ordinary, out):
    pairs = []
    for model in ("gpt4", "llama2new", "mistralinstruct"):
        with open(f"{xstest}/completions_{model}.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["type"].startswith("contrast_") or row["final_label"] != "1_full_compliance":
                    continue
                pairs.append(("xstest-" + model, row["id"], row["prompt"], row["completion"]))
    with open(ordinary, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            item = json.loads(line)
            pairs.append(("ordinary", f"o-{i}", item["prompt"], item["answer"]))
    with open(out, "w", encoding="utf-8") as f:
        for jurisdiction, domain in CONTEXTS:
            for source, pid, prompt, answer in pairs:
                f.write(json.dumps({"jurisdiction": jurisdiction, "domain": domain, "prompt": prompt, "answer": answer,
                                    "source": source, "id": pid}, ensure_ascii=False) + "\n")



if __name__ == "__main__":
    build(*sys.argv[1:4])
