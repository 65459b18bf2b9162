# Polis's own pipeline (100 base clusters, then weighted k-means of base centres warm-started at Polis's group centres)
# re-run 200 times in our map: the per-participant fidelity of that output, and its ARI against Polis's group-id.
# Run from this folder: python3 sim.py brexit-consensus
from fid import *
import sys
name=sys.argv[1]; meta=sys.argv[2].split(',') if len(sys.argv)>2 and sys.argv[2] else []
mod, ismeta, votes, groups = load(name, meta)
pids=sorted({k[0] for k in votes}, key=int); tids=[t for t in sorted(mod,key=int) if t not in ismeta]
ci={t:j for j,t in enumerate(tids)}; pi={p:i for i,p in enumerate(pids)}
X=np.full((len(pids),len(tids)),np.nan)
for (p,t),(ts,v) in votes.items():
    if t in ci: X[pi[p],ci[t]]=v
for t in tids:
    if mod[t]<0: X[:,ci[t]]=0
mean=np.nanmean(X,0); M=np.where(np.isnan(X),mean,X); C=M-mean
u,s,vt=np.linalg.svd(C,full_matrices=False); pcs=vt[:2]
nc=len(tids)
xy=np.array([(X[i,~np.isnan(X[i])]-mean[~np.isnan(X[i])])@pcs[:,~np.isnan(X[i])].T*np.sqrt(nc/(~np.isnan(X[i])).sum()) for i in range(len(pids))])
gp=[p for p in pids if p in groups]; lab=np.array([groups[p] for p in gp]); P=np.array([xy[pi[p]] for p in gp])
K=lab.max()+1
def kmeans(P, w, C0, iters=100):
    C=C0.copy()
    for _ in range(iters):
        a=np.argmin(((P[:,None]-C[None])**2).sum(2),1)
        Cn=np.array([ (w[a==k,None]*P[a==k]).sum(0)/w[a==k].sum() if (a==k).any() else C[k] for k in range(len(C))])
        if np.abs(Cn-C).max()<1e-9: break
        C=Cn
    return a, C
rng=np.random.default_rng(1)
res=[]; res2=[]
cen=np.array([P[lab==g].mean(0) for g in range(K)])
for rep in range(200):
    idx=rng.choice(len(P), min(100,len(P)), replace=False)
    ba, bc = kmeans(P, np.ones(len(P)), P[idx]+1e-9)
    w=np.array([(ba==b).sum() for b in range(len(bc))],float); keep=w>0
    bc=bc[keep]; w=w[keep]; remap=-np.ones(len(keep),int); remap[keep]=np.arange(keep.sum()); ba=remap[ba]
    ga, gc = kmeans(bc, w, cen)   # warm start from Polis's group centres
    sim=ga[ba]
    # issue's metric applied to the simulated Polis output
    scen=np.array([P[sim==g].mean(0) for g in range(K)])
    near=np.argmin(((P[:,None]-scen[None])**2).sum(2),1)
    res.append(ari(near, sim)); res2.append(ari(sim, lab))
res=np.array(res); res2=np.array(res2)
print(name, 'participant-level fidelity of a Polis-style (base clusters -> groups) partition in the SAME map: mean %.3f min %.3f p10 %.3f frac<0.9 %.2f | ARI(sim, polis) mean %.3f max %.3f'%(res.mean(),res.min(),np.percentile(res,10),(res<0.9).mean(),res2.mean(),res2.max()))
