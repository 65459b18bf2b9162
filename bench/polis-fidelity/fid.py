# Projection-fidelity variants (issue 5): the metric under each variant of Polis's projection, on the three
# real conversations. One-off investigation, numpy only: python3 bench/polis-fidelity/fid.py  (see docs/PERFORMANCE.md).
import csv, sys, numpy as np, itertools
import os
D=os.environ.get('POLIS_DATA', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/polis')) + '/'
def load(name, meta=()):
    comments = list(csv.DictReader(open(D+name+'/comments.csv', newline='')))
    mod = {c['comment-id']: int(c['moderated']) for c in comments}
    ismeta = {c['comment-id'] for c in comments if c.get('is-meta','false')=='true'} | set(meta)
    votes = {}
    for r in csv.DictReader(open(D+name+'/votes.csv', newline='')):
        key=(r['voter-id'], r['comment-id']); t=int(r['timestamp'])
        if key not in votes or votes[key][0] <= t: votes[key]=(t,int(r['vote']))
    groups={}
    for r in csv.DictReader(open(D+name+'/participants-votes.csv', newline='')):
        if r['group-id']!='': groups[r['participant']]=int(r['group-id'])
    return mod, ismeta, votes, groups

def ari(a, b):
    from math import comb
    a=np.asarray(a); b=np.asarray(b)
    ct={}
    for x,y in zip(a,b): ct[(x,y)]=ct.get((x,y),0)+1
    sij=sum(comb(v,2) for v in ct.values())
    ai=sum(comb(int((a==x).sum()),2) for x in set(a)); bj=sum(comb(int((b==y).sum()),2) for y in set(b))
    n=comb(len(a),2); e=ai*bj/n; mx=(ai+bj)/2
    return (sij-e)/(mx-e) if mx!=e else 1.0

def analyse(name, meta=(), cutoff=None, pass_missing=False, scale='sqrt', rows='all', zero_mod=True, mean_over='voters', pca='exact', keep_meta_cols=False, iters=100, ptpt_filter=None, impute='mean', centre='mean'):
    mod, ismeta, votes, groups = load(name, meta)
    if cutoff is not None:
        votes={k:v for k,v in votes.items() if v[0] <= cutoff}
    pids=sorted({k[0] for k in votes}, key=int)
    tids=sorted(mod, key=int)
    keep=[t for t in tids if (keep_meta_cols or t not in ismeta) and (mod[t]>=0 or zero_mod)]
    ci={t:j for j,t in enumerate(keep)}; pi={p:i for i,p in enumerate(pids)}
    X=np.full((len(pids),len(keep)), np.nan)
    for (p,t),(ts,v) in votes.items():
        if t in ci:
            if pass_missing and v==0: continue
            X[pi[p],ci[t]]=v
    for t in keep:
        if mod[t]<0: X[:,ci[t]]=0.0  # zero-out-columns
    nv=(~np.isnan(X)).sum(1)
    nc=len(keep)
    inconv = nv >= min(7, nc)
    R = X if rows=='all' else X[inconv]
    mean=np.nanmean(R,0); mean=np.where(np.isnan(mean),0,mean)
    if impute=='zero': mean=np.zeros_like(mean)  # 2017-era polisMath: `:mat` swaps nils for zeros
    M=np.where(np.isnan(R), mean, R)
    C=M-M.mean(0)
    if pca=='exact':
        u,s,vt=np.linalg.svd(C, full_matrices=False); pcs=vt[:2]
    else:
        pcs=[]; Cd=C.copy()
        for k in range(2):
            v=np.ones(C.shape[1]) if pca=='ones' else np.random.default_rng(k).random(C.shape[1])
            last=0
            for it in range(iters):
                w=Cd.T@(Cd@v); ev=np.linalg.norm(w); v=w/ev
                if ev==last: break
                last=ev
            pcs.append(v); Cd=Cd-np.outer(Cd@v, v)
        pcs=np.array(pcs)
    center=M.mean(0)
    xy=np.zeros((len(pids),2))
    for i in range(len(pids)):
        m=~np.isnan(X[i]); x=(X[i,m]-center[m])@pcs[:,m].T
        n=m.sum()
        f={'sqrt':np.sqrt(nc/max(n,1)),'none':1.0,'lin':nc/max(n,1)}[scale]
        xy[i]=x*f
    gp=[p for p in pids if p in groups]
    lab=np.array([groups[p] for p in gp]); P=np.array([xy[pi[p]] for p in gp])
    K=lab.max()+1
    nvg=np.array([nv[pi[p]] for p in gp]); sel=nvg>=min(7,nc) if centre.endswith('inconv') else np.ones(len(gp),bool)
    agg=np.median if centre.startswith('median') else np.mean
    cen=np.array([agg(P[(lab==g)&sel],0) for g in range(K)])
    near=np.argmin(((P[:,None,:]-cen[None])**2).sum(2),1)
    return ari(near, lab), int((near!=lab).sum()), len(gp)

if __name__=='__main__':
    convs=[('london.youth.policing',['1']+[str(i) for i in range(4,15)]),('brexit-consensus',[]),('bg2050-volunteers',[])]
    variants={'baseline':{}, 'rows=inconv':{'rows':'inconv'}, 'pass_missing':{'pass_missing':True}, 'scale=none':{'scale':'none'},
      'scale=lin':{'scale':'lin'}, 'drop_mod_cols':{'zero_mod':False}, 'powerit ones 100':{'pca':'ones'}, 'powerit rand 100':{'pca':'rand'},
      'keep_meta_cols':{'keep_meta_cols':True}, 'impute=zero (2017 polisMath)':{'impute':'zero'},
      'centres: in-conv members only':{'centre':'mean-inconv'}, 'centres: medians':{'centre':'median'},
      'centres: medians of in-conv members':{'centre':'median-inconv'}}
    for vn,kw in variants.items():
        print(vn, ' '.join('%s=%.3f(%d/%d)'%((n[:6],)+analyse(n,m,**kw)) for n,m in convs))
