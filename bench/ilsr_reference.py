#!/usr/bin/env python3
"""
Independent reference of I-LSR for Bradley-Terry with alpha = 0 (Maystre and Grossglauser, 2015, NeurIPS,
"Fast and accurate inference of Plackett-Luce models", Algorithm 2), written from the paper with numpy only.
It is NOT choix (PyPI is unreachable here); it follows the same algorithm choix's ilsr_pairwise implements:
repeat { build the Markov chain whose rate from loser j to winner i is 1 / (pi_i + pi_j) per comparison;
pi <- its stationary distribution (dense linear solve) } until the log-strengths stop moving.
Prints one JSON object {"items": [...], "theta": [...], "iterations": n} with theta centred to mean 0.
"""
import json
import sys
import numpy as np

path = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-10
with open(path, "rb") as f:
    f.readline()  # header winner,loser
    data = np.array(f.read().replace(b"\n", b",").split(b",")[:-1], dtype=np.int64).reshape(-1, 2)
ids, idx = np.unique(data, return_inverse=True)
idx = idx.reshape(-1, 2)
n = len(ids)
wins = np.zeros((n, n))
np.add.at(wins, (idx[:, 0], idx[:, 1]), 1.0)  # wins[i, j]: times i beat j
total = wins + wins.T
theta = np.zeros(n)
for it in range(1, 1001):
    pi = np.exp(theta - theta.max())
    rate = wins.T / (pi[:, None] + pi[None, :])  # rate[j, i] = wins[i, j] / (pi_i + pi_j): loser j -> winner i
    np.fill_diagonal(rate, 0.0)
    q = rate - np.diag(rate.sum(axis=1))  # generator
    a = q.T.copy()
    a[-1, :] = 1.0  # replace one balance equation by sum(pi) = 1
    rhs = np.zeros(n)
    rhs[-1] = 1.0
    stat = np.linalg.solve(a, rhs)
    new = np.log(np.maximum(stat, 1e-300))
    new -= new.mean()
    change = np.abs(new - theta).max()
    theta = new
    if change < tol:
        break
print(json.dumps({"items": ids.tolist(), "theta": theta.tolist(), "iterations": it}))
