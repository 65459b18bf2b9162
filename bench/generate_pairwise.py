#!/usr/bin/env python3
"""Writes N Bradley-Terry comparisons over M items (strengths ~ N(0,1), seeded) as CSV winner,loser."""
import sys
import numpy as np

n_items = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
n_comp = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rng = np.random.default_rng(20250101)
theta = rng.normal(size=n_items)
a = rng.integers(0, n_items, n_comp)
b = (a + rng.integers(1, n_items, n_comp)) % n_items
p_a = 1.0 / (1.0 + np.exp(theta[b] - theta[a]))
a_wins = rng.random(n_comp) < p_a
winner = np.where(a_wins, a, b)
loser = np.where(a_wins, b, a)
with open(sys.argv[1], "w") as f:
    f.write("winner,loser\n")
    np.savetxt(f, np.column_stack([winner, loser]), fmt="%d", delimiter=",")
