# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-check of flexible loads and the heat-pump COP mapping against an
independent LP (SciPy's HiGHS), written from FORMULATION.md v2 without the
Swift model builder.

Random small sites (grid, PV, battery, heat pump with `cop:
{carnot_fraction, sink_c, source_c, max}`, electric boiler, hot-water tank,
1-3 flexible loads on electricity or heat with random periods, partial last
periods and sparse max_kw, steps of 1, 0.5 or 0.25 h) are solved by
`microgrid solve` and by this script; the objectives must agree to 1e-6
relative.

    swift build && python3 Tests/crosscheck/flexible_highs.py 0 200

Needs Python 3 with NumPy and SciPy. Not part of `swift test`.
"""
import random, subprocess, json, os, sys, csv
import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

BIN=os.environ.get('MICROGRID', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../.build/debug/microgrid'))
WORK=os.environ.get('CROSSCHECK_DIR', '/tmp/microgrid-crosscheck')
def run(seed):
    R=random.Random(seed)
    T=R.randint(4,30); dt=R.choice([1.0,0.5,0.25])
    cols={}
    cols['price']=[round(R.uniform(0.1,1.5),3) for _ in range(T)]
    cols['pv']=[round(max(0,R.uniform(-0.3,1)),3) for _ in range(T)]
    cols['le']=[round(R.uniform(0,100),2) for _ in range(T)]
    cols['lh']=[round(R.uniform(0,60),2) for _ in range(T)]
    cols['amb']=[round(R.uniform(-15,40),1) for _ in range(T)]
    cols['sink']=[round(R.uniform(35,90),1) for _ in range(T)]
    nflex=R.randint(1,3)
    flex=[]
    for k in range(nflex):
        ps=R.randint(1,T+3); ph=ps*dt
        car=R.choice(['electricity','heat'])
        mx=[round(R.choice([0,R.uniform(0,80)]),2) for _ in range(T)]
        cols[f'mx{k}']=mx
        # energy: fillable in every period
        mins=[]
        for s in range(0,T,ps):
            e=min(T,s+ps); cap=sum(mx[s:e])*dt; mins.append(cap/((e-s)/ps))
        en=round(min(mins)*R.uniform(0.1,0.95),3)
        if en<=0: mx=[50.0]*T; cols[f'mx{k}']=mx; en=10.0
        flex.append((f'f{k}',car,en,ph,f'mx{k}'))
    d=os.path.join(WORK, f's{seed}'); os.makedirs(d,exist_ok=True)
    names=list(cols)
    with open(d+'/p.csv','w') as f:
        f.write(','.join(names)+'\n')
        for t in range(T): f.write(','.join(str(cols[n][t]) for n in names)+'\n')
    cf=round(R.uniform(0.3,0.6),3); cmax=round(R.uniform(3,8),3)
    imp_lim=R.choice([None,150.0,400.0])
    y=f"""name: r{seed}
timeseries: p.csv
horizon: {{step_hours: {dt}}}
loads: {{electricity: le, heat: lh}}
grid: {{import_price: price, export_price: 0.05, export_limit_kw: 30{'' if imp_lim is None else f', import_limit_kw: {imp_lim}'}}}
unserved_penalty_per_kwh: 5
assets:
  - {{type: pv, name: pv, capacity_kw: 80, profile: pv}}
  - {{type: battery, name: b, energy_kwh: 100, charge_kw: 40, soc_initial: 0.3}}
  - {{type: heat_pump, name: hp, heat_capacity_kw: 70, cop: {{carnot_fraction: {cf:.3f}, sink_c: sink, source_c: amb, max: {cmax:.3f}}}}}
  - {{type: electric_boiler, name: eb, heat_capacity_kw: 50, efficiency: 0.95}}
  - {{type: thermal_storage, name: tk, energy_kwh: 80, charge_kw: 30, loss_per_hour: 0.01}}
"""
    for (n,car,en,ph,mx) in flex:
        y+=f"  - {{type: flexible_load, name: {n}, carrier: {car}, energy_per_period_kwh: {en}, period_hours: {ph}, max_kw: {mx}}}\n"
    open(d+'/s.yaml','w').write(y)
    r=subprocess.run([BIN,'solve',d+'/s.yaml','--out',d+'/out','--quiet','--method','simplex'],capture_output=True,text=True)
    if r.returncode!=0: return seed,'tool failed',r.stderr[-300:]
    obj_tool=json.load(open(d+'/out/results.json'))['objective']
    # independent LP
    cop=[]
    for t in range(T):
        lift=cols['sink'][t]-cols['amb'][t]
        c=min(cmax, cf*(cols['sink'][t]+273.15)/lift) if lift>0 else cmax
        cop.append(max(1,c))
    V={}; n=0
    def var(name):
        nonlocal n
        V[name]=n; n+=1; return V[name]
    for t in range(T):
        for v in ['imp','exp','pv','ch','dis','soc','hp','eb','tch','tdis','tsoc','ue','uh']: var((v,t))
        for (fn,*_) in flex: var((fn,t))
    c=np.zeros(n); lb=np.zeros(n); ub=np.full(n,np.inf)
    for t in range(T):
        c[V['imp',t]]=dt*cols['price'][t]; c[V['exp',t]]=-dt*0.05
        ub[V['exp',t]]=30; 
        if imp_lim is not None: ub[V['imp',t]]=imp_lim
        ub[V['pv',t]]=80*cols['pv'][t]; ub[V['ch',t]]=40; ub[V['dis',t]]=40; ub[V['soc',t]]=100
        ub[V['hp',t]]=70; ub[V['eb',t]]=50; ub[V['tch',t]]=30; ub[V['tdis',t]]=30; ub[V['tsoc',t]]=80
        ub[V['ue',t]]=cols['le'][t]; ub[V['uh',t]]=cols['lh'][t]; c[V['ue',t]]=5*dt; c[V['uh',t]]=5*dt
        for (fn,car,en,ph,mx) in flex: ub[V[fn,t]]=cols[mx][t]
    Aeq=[];beq=[];Aub=[];bub=[]
    def row(): return lil_matrix((1,n))
    for t in range(T):
        a=row()
        a[0,V['imp',t]]=1;a[0,V['exp',t]]=-1;a[0,V['pv',t]]=1;a[0,V['dis',t]]=1;a[0,V['ch',t]]=-1;a[0,V['ue',t]]=1
        a[0,V['hp',t]]=-1/cop[t]; a[0,V['eb',t]]=-1/0.95
        for (fn,car,*_) in flex:
            if car=='electricity': a[0,V[fn,t]]=-1
        Aeq.append(a);beq.append(cols['le'][t])
        h=row()  # -(supply) <= -load
        h[0,V['hp',t]]=-1;h[0,V['eb',t]]=-1;h[0,V['tdis',t]]=-1;h[0,V['tch',t]]=1;h[0,V['uh',t]]=-1
        for (fn,car,*_) in flex:
            if car=='heat': h[0,V[fn,t]]=1
        Aub.append(h);bub.append(-cols['lh'][t])
        s=row(); s[0,V['soc',t]]=1; s[0,V['ch',t]]=-0.95*dt; s[0,V['dis',t]]=dt/0.95
        if t>0: s[0,V['soc',t-1]]=-1
        Aeq.append(s); beq.append(30.0 if t==0 else 0)
        keep=1-0.01*dt
        s=row(); s[0,V['tsoc',t]]=1; s[0,V['tch',t]]=-dt; s[0,V['tdis',t]]=dt
        if t>0: s[0,V['tsoc',t-1]]=-keep
        Aeq.append(s); beq.append(keep*40.0 if t==0 else 0)
    e=row(); e[0,V['soc',T-1]]=-1; Aub.append(e); bub.append(-30.0)
    e=row(); e[0,V['tsoc',T-1]]=-1; Aub.append(e); bub.append(-40.0)
    for (fn,car,en,ph,mx) in flex:
        ps=round(ph/dt)
        for s0 in range(0,T,ps):
            e1=min(T,s0+ps); a=row()
            for t in range(s0,e1): a[0,V[fn,t]]=dt
            Aeq.append(a); beq.append(en*(e1-s0)/ps)
    from scipy.sparse import vstack
    res=linprog(c,A_ub=vstack(Aub),b_ub=bub,A_eq=vstack(Aeq),b_eq=beq,bounds=list(zip(lb,ub)),method='highs')
    if res.status!=0: return seed,'ref status',res.message
    rel=abs(res.fun-obj_tool)/max(1,abs(res.fun))
    return seed, 'ok' if rel<1e-6 else 'MISMATCH', (obj_tool,res.fun,rel)
bad=0
for seed in range(int(sys.argv[1]),int(sys.argv[2])):
    r=run(seed)
    if r[1]!='ok': bad+=1; print(r)
print('done, bad',bad)
