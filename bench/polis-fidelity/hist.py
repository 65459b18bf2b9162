# Hypothesis: Polis's math runs incrementally (conversation.clj: each update runs pca/wrapped-pca with :pca-iters 100,
# :start-vectors = the previous update's comps; pca.clj power-iteration pads new columns with 1s, a cold start is
# rand-starting-vec), so its exported map could be a not-fully-converged subspace. Replay votes in timestamp order,
# one Polis update per batch, warm-started power iteration; the fidelity metric with the final components.
# Run from this folder: python3 hist.py [ITERS ...] (default 100; numpy; one-off, see docs/PERFORMANCE.md)
from fid import *
convs=[('london.youth.policing',['1']+[str(i) for i in range(4,15)]),('brexit-consensus',[]),('bg2050-volunteers',[])]

def power_iteration(C, start, iters):
    v=start/np.linalg.norm(start); last=0.0
    for _ in range(iters+1):
        w=C.T@(C@v); ev=np.linalg.norm(w)
        if ev==0: return v, 0.0
        v=w/ev
        if ev==last: break
        last=ev
    return v, ev

def replay(name, meta, batch, iters=100, seed=0, mod_zero_always=True):
    mod, ismeta, votes, groups = load(name, meta)
    allv=[]
    for r in csv.DictReader(open(D+name+'/votes.csv', newline='')):
        allv.append((int(r['timestamp']), r['voter-id'], r['comment-id'], int(r['vote'])))
    allv.sort(key=lambda x: x[0])
    # update boundaries
    if batch[0]=='n':
        n=batch[1]; ends=list(range(n, len(allv), n))+[len(allv)]
    else:  # time window in ms: an update after each window that saw votes
        w=batch[1]; ends=[]
        for i in range(1,len(allv)+1):
            if i==len(allv) or allv[i][0]//w != allv[i-1][0]//w: ends.append(i)
    rng=np.random.default_rng(seed)
    pids=[]; pidx={}; tids=[]; tidx={}; cur={}
    comps=None; start=0; nupd=0
    for e in ends:
        for ts,p,t,v in allv[start:e]:
            if t in ismeta: continue
            if p not in pidx: pidx[p]=len(pids); pids.append(p)
            if t not in tidx: tidx[t]=len(tids); tids.append(t)
            cur[(p,t)]=v
        start=e
        if len(tids)<2 or len(pids)<2: continue
        X=np.full((len(pids),len(tids)),np.nan)
        for (p,t),v in cur.items(): X[pidx[p],tidx[t]]=v
        for t in tids:
            if mod[t]<0: X[:,tidx[t]]=0.0
        mean=np.nanmean(X,0); M=np.where(np.isnan(X),mean,X); center=M.mean(0); C=M-center
        new=[]
        for k in range(2):
            if comps is not None and k<len(comps) and np.any(comps[k]!=0):
                s=np.concatenate([comps[k], np.ones(len(tids)-len(comps[k]))])
            else:
                s=rng.random(len(tids))
            v,ev=power_iteration(C, s, iters); new.append(v)
            C=C-np.outer(C@v, v)
        comps=new; nupd+=1
    pcs=np.array(comps); nc=len(tids)
    xy={}
    for p in pids:
        i=pidx[p]; m=~np.isnan(X[i]); xy[p]=(X[i,m]-center[m])@pcs[:,m].T*np.sqrt(nc/max(m.sum(),1))
    gp=[p for p in pids if p in groups]; lab=np.array([groups[p] for p in gp]); P=np.array([xy[p] for p in gp])
    cen=np.array([P[lab==g].mean(0) for g in range(lab.max()+1)])
    near=np.argmin(((P[:,None,:]-cen[None])**2).sum(2),1)
    # angle between the final warm subspace and the exact one
    u,s_,vt=np.linalg.svd(M-center, full_matrices=False)
    ang=np.degrees(np.arccos(np.clip(np.linalg.svd(vt[:2]@pcs.T,compute_uv=False).min(),-1,1)))
    return ari(near,lab), int((near!=lab).sum()), nupd, ang

if __name__=='__main__':
    import sys
    its=[int(a) for a in sys.argv[1:]] or [100]
    for iters in its:
        for b in [('n',1),('n',10),('n',100),('t',60_000),('t',3_600_000),('t',86_400_000)]:
            out=[]
            for n,m in convs:
                a,mis,nu,ang=replay(n,m,b,iters)
                out.append('%s=%.3f(%d) upd=%d angle=%.2e'%(n[:6],a,mis,nu,ang))
            print('iters',iters,'batch',b,' | '.join(out), flush=True)
