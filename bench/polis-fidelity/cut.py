# Fidelity with only the votes cast up to a cutoff (does Polis's grouping predate late votes?). python3 cut.py brexit-consensus
from fid import *
import sys
name=sys.argv[1]; meta=sys.argv[2].split(',') if len(sys.argv)>2 and sys.argv[2] else []
mod, ismeta, votes, groups = load(name, meta)
ts=sorted(v[0] for v in votes.values())
N=len(ts)
for back in [0,1,2,3,5,8,10,15,20,30,50,75,100,150,200,300,500,800]:
    if back>=N: break
    T=ts[N-1-back]
    print(back, T, '%.3f %d/%d'%analyse(name, meta, cutoff=T))
