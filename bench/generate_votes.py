#!/usr/bin/env python3
"""Writes a Polis-style conversation as CSV participant,statement,vote (seeded): P participants in G opposed
groups (participant i in group i mod G), S statements of which the first B are agreed with by every group and
each other one by one group and rejected by the rest; a vote follows that side with probability 0.8, else it
is a pass (30 %) or the opposite. Each participant votes on a random subset. The shape of
dev.polity.deliberation.PlantedConversation, written fast with numpy.
Usage: generate_votes.py OUT.csv [votes=5000000] [participants=100000] [statements=2000] [groups=3] [bridging=20]"""
import sys
import numpy as np

out = sys.argv[1]
defaults = [5_000_000, 100_000, 2000, 3, 20]
votes, participants, statements, groups, bridging = [int(x) for x in sys.argv[2:]] + defaults[len(sys.argv) - 2:]
rng = np.random.default_rng(20261206)
draws = int(votes * 1.2)
# distinct (participant, statement) pairs, so that every vote counts once; then exactly `votes` of them
key = np.unique(rng.integers(0, participants, draws).astype(np.int64) * statements + rng.integers(0, statements, draws))
key = rng.choice(key, size=min(votes, len(key)), replace=False)
p, s = key // statements, key % statements
side = np.where(s < bridging, 1, np.where((s % groups) == (p % groups), 1, -1))
u = rng.random(len(p))
vote = np.where(u < 0.8, side, np.where(u < 0.8 + 0.2 * 0.3, 0, -side))
order = rng.permutation(len(p))
with open(out, "w") as f:
    f.write("participant,statement,vote\n")
    np.savetxt(f, np.column_stack([p[order], s[order], vote[order]]), fmt="%d", delimiter=",")
print(f"{out}: {len(p)} votes, {participants} participants, {statements} statements", file=sys.stderr)
