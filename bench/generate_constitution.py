#!/usr/bin/env python3
"""Writes an ordinary constitution of N norms (default 224,000: about 50 MB) for timing `polity norms lint`
on a large file: short statements, five places, a topic per two norms, so the file is big and lint's
context grid small. Deterministic. Usage: generate_constitution.py OUT.yaml [N]"""
import sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 224_000
places = ["DE", "FR", "GB", "US", "EU"]
kinds = ["must", "should", "may", "should_not", "must_not"]
tiers = ["law", "regulation", "operator", "community", "user"]
with open(sys.argv[1], "w") as f:
    f.write("name: ordinary\nversion: \"1\"\nnorms:\n")
    for i in range(n):
        f.write(f"  - id: ordinary.n{i:06d}\n"
                f"    statement: Norm {i} asks the assistant to answer plainly, kindly and with its sources named.\n"
                f"    kind: {kinds[i % 5]}\n"
                f"    tier: {tiers[(i // 5) % 5]}\n"
                f"    topic: topic-{i // 2}\n"
                f"    scope:\n"
                f"      jurisdictions: [{places[(i // 25) % 5]}]\n")
