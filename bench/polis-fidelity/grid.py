# Fidelity ARI for projection scaling exponents (nc/n)^p; Polis uses p = 0.5. Run from this folder: python3 grid.py
import fid, numpy as np
from fid import *
convs=[('london.youth.policing',['1']+[str(i) for i in range(4,15)]),('brexit-consensus',[]),('bg2050-volunteers',[])]
orig=fid.analyse
# exponent sweep by monkeypatching the scale dict: implement via scale names
import re
src=open('fid.py').read()
for p in [0.0,0.25,0.4,0.5,0.6,0.75,1.0]:
    out=[]
    for n,m in convs:
        # compute by temporarily editing scale function
        code=src.replace("f={'sqrt':np.sqrt(nc/max(n,1)),'none':1.0,'lin':nc/max(n,1)}[scale]","f=(nc/max(n,1))**%f"%p)
        ns={}; exec(compile(code.split("if __name__")[0],'x','exec'),ns)
        out.append('%s=%.3f(%d)'%((n[:6],)+ns['analyse'](n,m)[:2]))
    print('exp',p,' '.join(out))
