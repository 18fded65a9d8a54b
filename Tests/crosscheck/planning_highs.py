# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-check of planning (PLANNING.md v2: `invest` blocks, capacities as
decisions) against an independent LP (SciPy's HiGHS), written from
SCENARIO.md, FORMULATION.md and PLANNING.md v2 without the Swift model
builder.

For each seed a random small planning site is written (CSV with timestamps,
start inside the CSV, 4-60 steps of 1, 0.5 or 0.25 h, sometimes across a
month end; a grid with price, export price, carbon intensity, sometimes
limits and a demand charge, sometimes islanded; a random subset of pv, wind,
battery, thermal_storage, heat_pump, electric_boiler, fuel_boiler and chp,
most with an `invest` block with random existing capacity, min/max, capex,
lifetime, fixed O&M, storage `duration_hours` or a free power decision; now
and then a non-investable green_power or waste_heat asset; sometimes a
renewable floor, an emissions cap, a carbon price, `planning.baseline`,
discount rate 0 or > 0 or the default). It is solved by `microgrid solve`
and by this script, and three checks are made:

1. objective: the tool's objective equals the HiGHS optimum to 1e-6
   relative (|a-b| <= 1e-6 max(1,|a|,|b|)); when either side is
   infeasible (tool: exit 3, no results.json) the other must be too.
2. planning figures: from the tool's own new capacities, every figure of
   the `planning` object (existing/new/total per asset, bounds, tied
   storage power, capex, annualised, annualised_investment, year_share,
   discount_rate, cost.investment, objective = cost.total + carbon_cost +
   unserved_penalty, baseline status and objective against a HiGHS baseline
   solve, baseline cost_total and emissions_t inside their range over the
   baseline's optimal face, annual_operating_savings,
   simple_payback_years) is recomputed and compared to 1e-6 relative.
3. schedule: schedule.csv satisfies every row of the LP (bounds with the
   tool's total capacities, balances, storage dynamics and end conditions,
   waste heat, emissions cap, renewable floor, curtailment column) to 1e-6
   relative to the row's magnitude (max(1, sum of |terms|)), and its cost
   recomputed from the schedule plus the investment equals the objective.

Besides: before the seeds, 24 invalid planning inputs (invest on
green_power/waste_heat/flexible_load, planning without invest, min/max with
duration_hours, missing capex_per_kw, min > max, ...) must exit 2 and a
valid one 0; on every fifth seed `solve --rolling 2/1` must be refused
(exit 2). The summary lists what the solved seeds exercised.

    python3 Tests/crosscheck/planning_highs.py FIRST_SEED LAST_SEED

(both inclusive). Needs Python 3 with NumPy, SciPy and PyYAML. Not part of
`swift test`. MICROGRID names the binary (default .build/release/microgrid),
METHOD the tool's --method (default: its auto), CROSSCHECK_DIR the scratch
folder (the folders of failing seeds are kept there). `-v` prints every
check that failed, not only the first three per check.

Repros of confirmed tool-side discrepancies: planning-repros/*/ (NOTE.md).
"""
import random, subprocess, json, os, sys, csv, math, datetime, shutil
import numpy as np
import yaml
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

METHOD = os.environ.get('METHOD')  # e.g. simplex or interior; default: the tool's auto
BIN = os.environ.get('MICROGRID', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../.build/release/microgrid'))
WORK = os.environ.get('CROSSCHECK_DIR', '/tmp/microgrid-planning-crosscheck')
TOL = 1e-6
VERBOSE = '-v' in sys.argv

def close(a, b, tol=TOL):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))

def crf(r, n):
    if r == 0: return 1.0 / n
    g = (1 + r) ** n
    return r * g / (g - 1)

# ---------------------------------------------------------------- scenario
INVESTABLE = ['pv', 'wind', 'battery', 'thermal_storage', 'heat_pump', 'electric_boiler', 'fuel_boiler', 'chp']

def rnd(R, a, b, d=3): return round(R.uniform(a, b), d)

def make_scenario(seed):
    """Return (scenario dict for YAML, csv columns dict, csv row count)."""
    R = random.Random(seed)
    T = R.randint(4, 60); dt = R.choice([1.0, 0.5, 0.25])
    pre = R.randint(0, 3); post = R.randint(0, 2)
    all_rows = R.random() < 0.15  # horizon.steps omitted: every row from start
    if all_rows: post = 0
    N = pre + T + post
    # start: near a month end half of the time
    if R.random() < 0.5:
        y, m = 2026, R.randint(1, 12)
        first_next = datetime.datetime(y + (m == 12), m % 12 + 1, 1)
        t0 = first_next - datetime.timedelta(hours=R.uniform(0, T * dt))
        t0 = t0.replace(minute=(t0.minute // 15) * 15, second=0, microsecond=0)
    else:
        t0 = datetime.datetime(2026, R.randint(1, 12), R.randint(1, 28), R.randint(0, 23))
    c0 = t0 - datetime.timedelta(hours=pre * dt)
    suffix = R.choice(['', '', ':00', '+08:00', ':00-05:00', 'Z'])  # months go by the date as written
    stamps = [(c0 + datetime.timedelta(hours=i * dt)).strftime('%Y-%m-%dT%H:%M') + suffix for i in range(N)]
    no_stamps = R.random() < 0.12  # no timestamp column: one month, start as a row index
    cols = {} if no_stamps else {'timestamp': stamps}
    def series(name, gen):
        cols[name] = [gen() for _ in range(N)]; return name
    sc = {'name': f'plan-{seed}', 'timeseries': 'p.csv'}
    hz = {'steps': T, 'step_hours': dt}
    hz['start'] = (stamps[pre] if R.random() < 0.5 else stamps[pre][:16]) if R.random() < 0.6 and not no_stamps else pre
    if pre == 0 and R.random() < 0.3: del hz['start']
    if all_rows: del hz['steps']
    if dt == 1 and R.random() < 0.5: del hz['step_hours']
    if hz: sc['horizon'] = hz
    emax = R.choice([50, 100, 300])
    loads = {'electricity': series('le', lambda: rnd(R, 0, emax, 2))}
    has_heat = R.random() < 0.7
    if has_heat:
        loads['heat'] = series('lh', lambda: rnd(R, 0, R.choice([40, 150]), 2)) if R.random() < 0.85 else rnd(R, 5, 80, 1)
    sc['loads'] = loads
    islanded = R.random() < 0.12
    if not islanded:
        negative = R.random() < 0.04  # negative prices: unbounded with an unlimited sink to build
        g = {'import_price': series('price', lambda: rnd(R, -1.0 if negative else 0.1, 1.5))}
        if R.random() < 0.7: g['export_price'] = rnd(R, 0.0, 0.4)
        if R.random() < 0.7: g['export_limit_kw'] = R.choice([0, 20, 100, 500])
        if R.random() < 0.35 and not negative: g['import_limit_kw'] = R.choice([30, 80, 200, 1000])
        if R.random() < 0.8:
            g['carbon_intensity'] = series('ci', lambda: rnd(R, 0.3, 0.9)) if R.random() < 0.7 else rnd(R, 0.3, 0.9)
        if R.random() < 0.35:
            g['demand_charge_per_kw'] = rnd(R, 1, 60, 1)
            if R.random() < 0.4: g['demand_peak_so_far_kw'] = rnd(R, 0, 150, 1)
        sc['grid'] = g
    # assets
    types = [t for t in INVESTABLE if R.random() < 0.45]
    if not types: types = [R.choice(INVESTABLE)]
    if R.random() < 0.2: types.append(R.choice(['pv', 'battery', 'heat_pump']))  # a second one
    R.shuffle(types)
    assets = []
    waste = None
    if R.random() < 0.15:
        waste = {'type': 'waste_heat', 'name': 'wh', 'available_kw': series('wh', lambda: rnd(R, 0, 60, 1)),
                 'direct_use': R.random() < 0.5}
        if waste['direct_use'] and R.random() < 0.5: waste['exchanger_capacity_kw'] = rnd(R, 5, 40, 1)
        assets.append(waste)
    if R.random() < 0.15:
        gp = {'type': 'green_power', 'name': 'ppa', 'available_kw': series('gp', lambda: rnd(R, 0, 40, 1)),
              'price_per_kwh': rnd(R, 0.1, 0.6)}
        if R.random() < 0.2: gp['must_take'] = True
        assets.append(gp)
    ninv = 0
    for k, ty in enumerate(types):
        a = {'type': ty, 'name': f'{ty.replace("_", "-")}{k}'}
        inv_on = R.random() < 0.8
        def exist(scale):
            return R.choice([0, 0, rnd(R, 0, scale, 1)])
        def minmax(inv, lo_key, hi_key, scale):
            if R.random() < 0.08:  # edge: a fixed build, or nothing may be built
                inv[lo_key] = inv[hi_key] = R.choice([0, rnd(R, 0, scale * 0.3, 1)]); return
            if R.random() < 0.25: inv[lo_key] = rnd(R, 0, scale * 0.3, 1)
            if R.random() < 0.5:
                inv[hi_key] = round(inv.get(lo_key, 0) + R.uniform(0, scale), 1)
            elif R.random() < 0.15: inv[hi_key] = None
        def common(inv, unit):
            inv['lifetime_years'] = R.choice([5, 10, 15, 20, 25, 30, round(R.uniform(1, 40), 2), R.choice([0.5, 1, 100])])
            if R.random() < 0.5: inv[f'fixed_om_per_{unit}_year'] = rnd(R, 0, 100, 2)
        inv = {}
        if ty in ('pv', 'wind'):
            a['capacity_kw'] = exist(emax)
            a['profile'] = series(f'{a["name"]}_cf', (lambda: round(max(0, R.uniform(-0.3, 1)), 3)) if ty == 'pv' else (lambda: rnd(R, 0, 1)))
            if R.random() < 0.5: a['om_cost_per_kwh'] = rnd(R, 0, 0.05)
            inv['capex_per_kw'] = R.choice([0, rnd(R, 100, 3000, 1), rnd(R, 3000, 30000, 1)]) if R.random() < 0.9 else 0
            common(inv, 'kw'); minmax(inv, 'min_kw', 'max_kw', emax * 2)
        elif ty in ('battery', 'thermal_storage'):
            a['energy_kwh'] = exist(emax * 3)
            a['charge_kw'] = exist(emax)
            if R.random() < 0.3: a['discharge_kw'] = exist(emax)
            if R.random() < 0.5: a['charge_efficiency'] = rnd(R, 0.8, 1)
            if R.random() < 0.5: a['discharge_efficiency'] = rnd(R, 0.8, 1)
            lo = 0.0; hi = 1.0
            if R.random() < 0.4: lo = rnd(R, 0, 0.3, 2); a['soc_min'] = lo
            if R.random() < 0.4: hi = rnd(R, 0.7, 1, 2); a['soc_max'] = hi
            if R.random() < 0.6: a['soc_initial'] = rnd(R, lo, hi, 2)
            ini = a.get('soc_initial', 0.5)
            fin = R.choice([None, None, 'at_least_initial', 'free', 'cyclic', 'num'])
            if fin == 'num': a['soc_final'] = rnd(R, lo, hi, 2)
            elif fin: a['soc_final'] = fin
            if R.random() < 0.4:
                a['self_discharge_per_hour' if ty == 'battery' else 'loss_per_hour'] = rnd(R, 0, 0.05, 4)
            if ty == 'battery' and R.random() < 0.4: a['cycle_cost_per_kwh'] = rnd(R, 0, 0.1)
            inv['capex_per_kwh'] = R.choice([0, rnd(R, 20, 300, 1), rnd(R, 300, 3000, 1)])
            common(inv, 'kwh'); minmax(inv, 'min_kwh', 'max_kwh', emax * 4)
            if R.random() < 0.5:
                inv['duration_hours'] = R.choice([0.5, 1, 2, 4, rnd(R, 0.25, 8, 2)])
                if R.random() < 0.4: inv['capex_per_kw'] = rnd(R, 0, 500, 1)
                if R.random() < 0.3: inv['fixed_om_per_kw_year'] = rnd(R, 0, 20, 2)
            else:
                inv['capex_per_kw'] = R.choice([0, rnd(R, 10, 800, 1)])
                if R.random() < 0.3: inv['fixed_om_per_kw_year'] = rnd(R, 0, 20, 2)
                minmax(inv, 'min_kw', 'max_kw', emax)
        elif ty == 'heat_pump':
            a['heat_capacity_kw'] = exist(80)
            a['cop'] = series(f'{a["name"]}_cop', lambda: rnd(R, 1, 5)) if R.random() < 0.7 else rnd(R, 1, 5)
            if waste and R.random() < 0.6: a['source'] = 'wh'
            inv['capex_per_kw'] = R.choice([0, rnd(R, 100, 3000, 1)])
            common(inv, 'kw'); minmax(inv, 'min_kw', 'max_kw', 100)
        elif ty == 'electric_boiler':
            a['heat_capacity_kw'] = exist(80)
            if R.random() < 0.5: a['efficiency'] = rnd(R, 0.85, 1)
            inv['capex_per_kw'] = R.choice([0, rnd(R, 50, 800, 1)])
            common(inv, 'kw'); minmax(inv, 'min_kw', 'max_kw', 100)
        elif ty == 'fuel_boiler':
            a['heat_capacity_kw'] = exist(80)
            if R.random() < 0.5: a['efficiency'] = rnd(R, 0.7, 1)
            a['fuel_price_per_kwh'] = series(f'{a["name"]}_fp', lambda: rnd(R, 0.1, 0.6)) if R.random() < 0.3 else rnd(R, 0.1, 0.6)
            if R.random() < 0.4: a['fuel_emission_factor'] = rnd(R, 0, 0.3)
            inv['capex_per_kw'] = R.choice([0, rnd(R, 50, 800, 1)])
            common(inv, 'kw'); minmax(inv, 'min_kw', 'max_kw', 100)
        elif ty == 'chp':
            a['electric_capacity_kw'] = exist(emax)
            if R.random() < 0.5: a['electric_efficiency'] = rnd(R, 0.25, 0.45)
            if R.random() < 0.5: a['heat_efficiency'] = R.choice([0, rnd(R, 0.2, 0.55)])
            a['fuel_price_per_kwh'] = rnd(R, 0.1, 0.5)
            if R.random() < 0.4: a['fuel_emission_factor'] = rnd(R, 0, 0.3)
            inv['capex_per_kw'] = R.choice([0, rnd(R, 500, 6000, 1)])
            common(inv, 'kw'); minmax(inv, 'min_kw', 'max_kw', emax)
        if inv_on:
            a['invest'] = inv; ninv += 1
        elif R.random() < 0.2:
            a['invest'] = None
        assets.append(a)
    if ninv == 0:
        for a in assets:
            if a['type'] in INVESTABLE:
                a['invest'] = {'capex_per_kw': rnd(R, 100, 2000, 1), 'lifetime_years': 20} if a['type'] not in ('battery', 'thermal_storage') \
                    else {'capex_per_kwh': rnd(R, 50, 800, 1), 'lifetime_years': 12, 'duration_hours': 2}
                break
    sc['assets'] = assets
    if R.random() < 0.5:
        sc['objective'] = {'carbon_price_per_t': R.choice([0, rnd(R, 10, 300, 1), rnd(R, 300, 3000, 0)])}
    cons = {}
    if R.random() < 0.3: cons['min_renewable_share_electricity'] = rnd(R, 0.05, 0.9, 2)
    if R.random() < 0.25: cons['max_emissions_t'] = rnd(R, 0, 0.01 * T * dt * emax / 100 * 2, 5)
    if cons: sc['constraints'] = cons
    if R.random() < 0.5: sc['unserved_penalty_per_kwh'] = R.choice([5, 50, rnd(R, 2, 1000, 1)])
    pl = R.choice([None, {}, 'full'])
    if pl is not None:
        if pl == 'full':
            pl = {}
            if R.random() < 0.8: pl['discount_rate'] = R.choice([0, 0, rnd(R, 0.01, 0.15, 3), rnd(R, 0.01, 0.15, 3), R.choice([1e-6, 0.5, 2])])
            if R.random() < 0.8: pl['baseline'] = R.random() < 0.6
        sc['planning'] = pl
    return sc, cols, N

def write_scenario(d, sc, cols, N):
    os.makedirs(d, exist_ok=True)
    names = list(cols)
    with open(os.path.join(d, 'p.csv'), 'w') as f:
        f.write(','.join(names) + '\n')
        for i in range(N): f.write(','.join(str(cols[n][i]) for n in names) + '\n')
    with open(os.path.join(d, 'scenario.yaml'), 'w') as f:
        yaml.safe_dump(sc, f, sort_keys=False, default_flow_style=None, width=200)

# ---------------------------------------------------------------- model data
class Site:
    """The scenario as data the LP needs, read back from the dict/CSV (not from the tool)."""
    def __init__(self, sc, cols):
        self.sc = sc
        hz = sc.get('horizon', {})
        self.dt = float(hz.get('step_hours', 1))
        st = hz.get('start', 0)
        stamps = cols.get('timestamp')
        self.s0 = st if isinstance(st, int) else [x[:16] for x in stamps].index(st[:16])
        nrows = len(next(iter(cols.values())))
        self.T = hz.get('steps', nrows - self.s0)
        self.stamps = stamps[self.s0:self.s0 + self.T] if stamps else None
        self.cols = cols
        self.y = self.T * self.dt / 8760.0
        pl = sc.get('planning') or {}
        self.r = float(pl.get('discount_rate', 0.06))
        self.baseline = bool(pl.get('baseline', True))
        self.cp = float((sc.get('objective') or {}).get('carbon_price_per_t', 0))
        self.pen = float(sc.get('unserved_penalty_per_kwh', 1000))
        self.cons = sc.get('constraints') or {}
        self.grid = sc.get('grid')
    def s(self, v):
        if v is None: return np.zeros(self.T)
        if isinstance(v, str): return np.array([float(x) for x in self.cols[v][self.s0:self.s0 + self.T]])
        return np.full(self.T, float(v))
    def months(self):
        keys = []; idx = []
        if self.stamps is None: return 1, [0] * self.T  # SCENARIO.md: without timestamps, one month
        for st in self.stamps:
            k = st[:7]
            if k not in keys: keys.append(k)
            idx.append(keys.index(k))
        return len(keys), idx

def storage_params(a):
    th = a['type'] == 'thermal_storage'
    ec = float(a.get('charge_efficiency', 1.0 if th else 0.95))
    ed = float(a.get('discharge_efficiency', 1.0 if th else 0.95))
    lam = float(a.get('loss_per_hour' if th else 'self_discharge_per_hour', 0))
    return dict(E0=float(a['energy_kwh']), P0c=float(a['charge_kw']), P0d=float(a.get('discharge_kw', a['charge_kw'])),
                ec=ec, ed=ed, lam=lam, lo=float(a.get('soc_min', 0)), hi=float(a.get('soc_max', 1)),
                ini=float(a.get('soc_initial', 0.5)), fin=a.get('soc_final', 'at_least_initial'))

def quantities(a):
    """[(q, existing, capex, fom, lo, hi, tied_duration)] of an investable asset, q in 'kw'/'kwh'."""
    inv = a['invest']; ty = a['type']
    if ty in ('battery', 'thermal_storage'):
        e = ('kwh', float(a['energy_kwh']), float(inv['capex_per_kwh']), float(inv.get('fixed_om_per_kwh_year', 0)),
             float(inv.get('min_kwh', 0)), inv.get('max_kwh'), None)
        p = ('kw', float(a['charge_kw']), float(inv.get('capex_per_kw', 0)), float(inv.get('fixed_om_per_kw_year', 0)),
             float(inv.get('min_kw', 0)), inv.get('max_kw'), inv.get('duration_hours'))
        return [e, p]
    ex = {'pv': 'capacity_kw', 'wind': 'capacity_kw', 'chp': 'electric_capacity_kw'}.get(ty, 'heat_capacity_kw')
    return [('kw', float(a[ex]), float(inv['capex_per_kw']), float(inv.get('fixed_om_per_kw_year', 0)),
             float(inv.get('min_kw', 0)), inv.get('max_kw'), None)]

# ---------------------------------------------------------------- the LP
class LP:
    def __init__(self):
        self.lb = []; self.ub = []; self.names = []
        self.vec = {}  # named objective parts -> {var: coef}
        self.eq = []; self.le = []
    def var(self, name, lb=0.0, ub=np.inf):
        self.names.append(name); self.lb.append(lb); self.ub.append(ub); return len(self.names) - 1
    def add(self, part, v, c):
        d = self.vec.setdefault(part, {}); d[v] = d.get(v, 0.0) + c
    def row_le(self, coefs, rhs): self.le.append((coefs, rhs))
    def row_ge(self, coefs, rhs): self.le.append(({k: -v for k, v in coefs.items()}, -rhs))
    def row_eq(self, coefs, rhs): self.eq.append((coefs, rhs))
    def dense(self, part):
        c = np.zeros(len(self.names))
        for v, x in self.vec.get(part, {}).items(): c[v] += x
        return c
    def mat(self, rows):
        I = []; J = []; X = []; b = []
        for i, (co, rhs) in enumerate(rows):
            for j, x in co.items(): I.append(i); J.append(j); X.append(x)
            b.append(rhs)
        return coo_matrix((X, (I, J)), shape=(len(rows), len(self.names))).tocsr(), np.array(b)
    def solve(self, c, extra_le=()):
        rows = self.le + list(extra_le)
        Aub, bub = self.mat(rows) if rows else (None, None)
        Aeq, beq = self.mat(self.eq) if self.eq else (None, None)
        return linprog(c, A_ub=Aub, b_ub=bub, A_eq=Aeq, b_eq=beq, bounds=list(zip(self.lb, self.ub)), method='highs')

def build(site, fix_new=False):
    """The planning LP of PLANNING.md/FORMULATION.md. Returns (lp, objective vector, info)."""
    sc = site.sc; T = site.T; dt = site.dt; lp = LP()
    el = [dict() for _ in range(T)]   # electricity balance: supply - use, = load_e
    ht = [dict() for _ in range(T)]   # heat balance: supply - use >= load_h
    def acc(d, v, c): d[v] = d.get(v, 0.0) + c
    le = site.s(sc['loads']['electricity']); lh = site.s(sc['loads'].get('heat'))
    Gre = {}; Gchp = {}; I = {}; X = {}
    news = {}
    def new_var(a, q):
        # q = (key, existing, capex, fom, lo, hi, tied)
        key, ex, capex, fom, lo, hi, tied = q
        if fix_new: v = lp.var(('new', a['name'], key), 0.0, 0.0)
        else: v = lp.var(('new', a['name'], key), lo, np.inf if hi is None else float(hi))
        lp.add('inv', v, site.y * (capex * crf(site.r, float(a['invest']['lifetime_years'])) + fom))
        news[(a['name'], key)] = v
        return v
    g = site.grid
    if g is not None:
        ip = site.s(g['import_price']); ep = site.s(g.get('export_price', 0)); ci = site.s(g.get('carbon_intensity', 0))
        il = g.get('import_limit_kw'); xl = float(g.get('export_limit_kw', 0))
        imp = [lp.var(('imp', t), 0, np.inf if il is None else float(il)) for t in range(T)]
        exp = [lp.var(('exp', t), 0, xl) for t in range(T)]
        for t in range(T):
            acc(el[t], imp[t], 1); acc(el[t], exp[t], -1)
            lp.add('cost', imp[t], dt * ip[t]); lp.add('cost', exp[t], -dt * ep[t]); lp.add('emis', imp[t], dt * ci[t])
            I[imp[t]] = dt; X[exp[t]] = dt
        if g.get('demand_charge_per_kw') is not None:
            M, midx = site.months()
            exc = [lp.var(('excess', m)) for m in range(M)]
            for m in range(M): lp.add('cost', exc[m], float(g['demand_charge_per_kw']))
            base0 = float(g.get('demand_peak_so_far_kw', 0))
            for t in range(T):
                m = midx[t]; lp.row_le({imp[t]: 1, exc[m]: -1}, base0 if m == 0 else 0.0)
    waste = {}
    for a in sc['assets']:
        if a['type'] == 'waste_heat':
            w = {'avail': site.s(a['available_kw']), 'terms': [dict() for _ in range(T)]}
            if a.get('direct_use', True):
                xc = a.get('exchanger_capacity_kw')
                for t in range(T):
                    v = lp.var((a['name'], 'direct', t), 0, np.inf if xc is None else float(xc))
                    acc(ht[t], v, 1); w['terms'][t][v] = 1.0
            waste[a['name']] = w
    for a in sc['assets']:
        ty = a['type']; nm = a['name']; inv = a.get('invest')
        qs = quantities(a) if inv else None
        if ty in ('pv', 'wind'):
            prof = site.s(a['profile']); cap = float(a['capacity_kw']); om = float(a.get('om_cost_per_kwh', 0))
            nv = new_var(a, qs[0]) if inv else None
            for t in range(T):
                v = lp.var((nm, t), 0, np.inf if inv else cap * prof[t])
                if inv: lp.row_le({v: 1, nv: -prof[t]}, cap * prof[t])
                acc(el[t], v, 1); lp.add('cost', v, dt * om); Gre[v] = dt
        elif ty == 'green_power':
            av = site.s(a['available_kw']); pr = site.s(a.get('price_per_kwh', 0)); mt = bool(a.get('must_take', False))
            for t in range(T):
                v = lp.var((nm, t), av[t] if mt else 0, av[t])
                acc(el[t], v, 1); lp.add('cost', v, dt * pr[t]); Gre[v] = dt
        elif ty in ('battery', 'thermal_storage'):
            p = storage_params(a); E0 = p['E0']
            ne = new_var(a, qs[0]) if inv else None
            if inv and qs[1][6] is not None:
                np_ = lp.var(('new', nm, 'kw'), 0, np.inf) if not fix_new else lp.var(('new', nm, 'kw'), 0, 0)
                news[(nm, 'kw')] = np_
                key, ex, capex, fom, lo, hi, tied = qs[1]
                lp.add('inv', np_, site.y * (capex * crf(site.r, float(inv['lifetime_years'])) + fom))
                lp.row_eq({np_: 1, ne: -1.0 / float(tied)}, 0.0)
            elif inv:
                np_ = new_var(a, qs[1])
            else: np_ = None
            def tot(coef):  # coef * total_e as (dict, const)
                return ({ne: coef} if inv else {}), coef * E0
            ch = [lp.var((nm, 'ch', t), 0, np.inf if inv else p['P0c']) for t in range(T)]
            dis = [lp.var((nm, 'dis', t), 0, np.inf if inv else p['P0d']) for t in range(T)]
            soc = [lp.var((nm, 'soc', t)) for t in range(T)]
            s0 = lp.var((nm, 'soc', -1))
            for t in range(T):
                if inv:
                    lp.row_le({ch[t]: 1, np_: -1}, p['P0c']); lp.row_le({dis[t]: 1, np_: -1}, p['P0d'])
                d, k = tot(p['hi']); r = {soc[t]: 1}; r.update({x: -c for x, c in d.items()}); lp.row_le(r, k)
                d, k = tot(p['lo']); r = {soc[t]: -1}; r.update(d); lp.row_le(r, -k)
                keep = 1 - p['lam'] * dt
                prev = s0 if t == 0 else soc[t - 1]
                lp.row_eq({soc[t]: 1, prev: -keep, ch[t]: -p['ec'] * dt, dis[t]: dt / p['ed']}, 0.0)
            fin = p['fin']
            if fin == 'cyclic':
                d, k = tot(p['hi']); r = {s0: 1}; r.update({x: -c for x, c in d.items()}); lp.row_le(r, k)
                d, k = tot(p['lo']); r = {s0: -1}; r.update(d); lp.row_le(r, -k)
                lp.row_eq({soc[T - 1]: 1, s0: -1}, 0.0)
            else:
                d, k = tot(p['ini']); r = {s0: 1}; r.update({x: -c for x, c in d.items()}); lp.row_eq(r, k)
                if fin != 'free':
                    f = p['ini'] if fin == 'at_least_initial' else float(fin)
                    d, k = tot(f); r = {soc[T - 1]: -1}; r.update(d); lp.row_le(r, -k)
            bal = el if ty == 'battery' else ht
            cc = float(a.get('cycle_cost_per_kwh', 0)) if ty == 'battery' else 0.0
            for t in range(T):
                acc(bal[t], dis[t], 1); acc(bal[t], ch[t], -1); lp.add('cost', dis[t], dt * cc)
        elif ty in ('heat_pump', 'electric_boiler', 'fuel_boiler'):
            cap = float(a['heat_capacity_kw'])
            nv = new_var(a, qs[0]) if inv else None
            if ty == 'heat_pump': cop = site.s(a['cop'])
            eff = float(a.get('efficiency', 0.99 if ty == 'electric_boiler' else 0.9))
            if ty == 'fuel_boiler':
                fp = site.s(a['fuel_price_per_kwh']); ef = float(a.get('fuel_emission_factor', 0.202))
            for t in range(T):
                v = lp.var((nm, t), 0, np.inf if inv else cap)
                if inv: lp.row_le({v: 1, nv: -1}, cap)
                acc(ht[t], v, 1)
                if ty == 'heat_pump':
                    acc(el[t], v, -1.0 / cop[t])
                    if a.get('source', 'ambient') != 'ambient':
                        waste[a['source']]['terms'][t][v] = 1 - 1.0 / cop[t]
                elif ty == 'electric_boiler':
                    acc(el[t], v, -1.0 / eff)
                else:
                    lp.add('cost', v, dt * fp[t] / eff); lp.add('emis', v, dt * ef / eff)
        elif ty == 'chp':
            cap = float(a['electric_capacity_kw']); ee = float(a.get('electric_efficiency', 0.35)); eh = float(a.get('heat_efficiency', 0.45))
            fp = site.s(a['fuel_price_per_kwh']); ef = float(a.get('fuel_emission_factor', 0.202))
            nv = new_var(a, qs[0]) if inv else None
            for t in range(T):
                v = lp.var((nm, t), 0, np.inf if inv else cap)
                if inv: lp.row_le({v: 1, nv: -1}, cap)
                acc(el[t], v, 1); acc(ht[t], v, eh / ee)
                lp.add('cost', v, dt * fp[t] / ee); lp.add('emis', v, dt * ef / ee); Gchp[v] = dt
    for w in waste.values():
        for t in range(T):
            if w['terms'][t]: lp.row_le(w['terms'][t], w['avail'][t])
    for t in range(T):
        ue = lp.var(('ue', t), 0, le[t]); uh = lp.var(('uh', t), 0, lh[t])
        acc(el[t], ue, 1); acc(ht[t], uh, 1)
        lp.add('pen', ue, dt * site.pen); lp.add('pen', uh, dt * site.pen)
        lp.row_eq(el[t], le[t]); lp.row_ge(ht[t], lh[t])
    if 'max_emissions_t' in site.cons:
        lp.row_le(dict(lp.vec.get('emis', {})), 1000 * float(site.cons['max_emissions_t']))
    if 'min_renewable_share_electricity' in site.cons:
        s = float(site.cons['min_renewable_share_electricity']); r = {}
        # (G_re - X) - s (I + G_re + G_chp - X) >= 0
        for v, c in Gre.items(): r[v] = r.get(v, 0) + c * (1 - s)
        for v, c in X.items(): r[v] = r.get(v, 0) - c * (1 - s)
        for v, c in I.items(): r[v] = r.get(v, 0) - c * s
        for v, c in Gchp.items(): r[v] = r.get(v, 0) - c * s
        lp.row_ge(r, 0.0)
    c = lp.dense('cost') + lp.dense('inv') + site.cp / 1000 * lp.dense('emis') + lp.dense('pen')
    return lp, c, news

# ---------------------------------------------------------------- checks on the tool's output
class Fails:
    def __init__(self): self.items = {1: [], 2: [], 3: [], 'x': []}
    def chk(self, k, ok, msg):
        if not ok: self.items[k].append(msg)
        return ok

def read_schedule(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0] if k not in ('timestamp', 'step')}

def check_row(F, terms, rhs, sense, msg):
    """terms: list of (coef, value); sense '<=', '>=', '=='."""
    lhs = sum(c * x for c, x in terms)
    scale = max(1.0, abs(rhs), sum(abs(c * x) for c, x in terms))
    d = lhs - rhs
    ok = (d <= TOL * scale) if sense == '<=' else (d >= -TOL * scale) if sense == '>=' else (abs(d) <= TOL * scale)
    F.chk(3, ok, f'{msg}: {lhs!r} {sense} {rhs!r}')

def check_tool(site, res, sch, F):
    """Checks 2 and 3 on a tool result (results.json dict, schedule columns)."""
    sc = site.sc; T = site.T; dt = site.dt
    P = res.get('planning')
    if not F.chk(2, isinstance(P, dict), 'no planning object'): return
    F.chk(2, close(P.get('discount_rate', -1), site.r), f'discount_rate {P.get("discount_rate")} != {site.r}')
    F.chk(2, close(P.get('year_share', -1), site.y, 1e-9), f'year_share {P.get("year_share")} != {site.y}')
    capex_sum = 0.0; ann_sum = 0.0; fom_sum = 0.0
    total = {}  # name -> dict of totals used for check 3
    invnames = [a['name'] for a in sc['assets'] if a.get('invest')]
    F.chk(2, sorted(P.get('assets', {}).keys()) == sorted(invnames), f'planning.assets keys {sorted(P.get("assets", {}))} != {sorted(invnames)}')
    for a in sc['assets']:
        if not a.get('invest'): continue
        pa = P['assets'].get(a['name'])
        if pa is None: continue
        F.chk(2, pa.get('type') == a['type'], f'{a["name"]}: type {pa.get("type")}')
        n = float(a['invest']['lifetime_years']); k = crf(site.r, n)
        cap_a = 0.0; ann_a = 0.0
        newv = {}
        for (key, ex, capex, fom, lo, hi, tied) in quantities(a):
            e, nw, tt = pa.get(f'existing_{key}'), pa.get(f'new_{key}'), pa.get(f'total_{key}')
            if not F.chk(2, None not in (e, nw, tt), f'{a["name"]}: missing {key} figures {pa}'): continue
            F.chk(2, close(e, ex), f'{a["name"]}.existing_{key} {e} != {ex}')
            F.chk(2, close(tt, ex + nw), f'{a["name"]}.total_{key} {tt} != existing+new {ex + nw}')
            if tied is None:
                F.chk(2, nw >= lo - TOL * max(1, lo), f'{a["name"]}.new_{key} {nw} < min {lo}')
                if hi is not None: F.chk(2, nw <= float(hi) + TOL * max(1, float(hi)), f'{a["name"]}.new_{key} {nw} > max {hi}')
            else:
                F.chk(2, close(nw, newv['kwh'] / float(tied)), f'{a["name"]}.new_kw {nw} != new_kwh/duration {newv["kwh"] / float(tied)}')
            newv[key] = nw
            cap_a += capex * nw; ann_a += (capex * k + fom) * nw; fom_sum += fom * nw
        F.chk(2, close(pa.get('capex', math.nan), cap_a), f'{a["name"]}.capex {pa.get("capex")} != {cap_a}')
        F.chk(2, close(pa.get('annualised', math.nan), ann_a), f'{a["name"]}.annualised {pa.get("annualised")} != {ann_a}')
        capex_sum += cap_a; ann_sum += ann_a
        total[a['name']] = {key: pa.get(f'total_{key}') for key in ('kw', 'kwh')}
        total[a['name']]['new_kw'] = pa.get('new_kw')
    F.chk(2, close(P.get('capex', math.nan), capex_sum), f'planning.capex {P.get("capex")} != {capex_sum}')
    F.chk(2, close(P.get('annualised_investment', math.nan), ann_sum), f'annualised_investment {P.get("annualised_investment")} != {ann_sum}')
    cost = res['cost']; inv = cost.get('investment')
    F.chk(2, inv is not None and close(inv, site.y * ann_sum), f'cost.investment {inv} != y*annualised {site.y * ann_sum}')
    F.chk(2, close(res['objective'], cost['total'] + res['carbon_cost'] + res['unserved_penalty']),
          f'objective {res["objective"]} != total+carbon+penalty {cost["total"] + res["carbon_cost"] + res["unserved_penalty"]}')
    parts = sum(cost.get(k, 0) for k in ('energy_import', 'fuel', 'green_power', 'om', 'battery_cycling', 'demand_charge')) - cost.get('export_revenue', 0) + (inv or 0)
    F.chk(2, close(cost['total'], parts), f'cost.total {cost["total"]} != sum of parts incl. investment {parts}')
    # baseline
    B = P.get('baseline', 'missing')
    op_plan = cost['total'] - (inv or 0)
    if not site.baseline or (isinstance(B, dict) and B.get('status') == 'infeasible'):
        # read: no feasible baseline, nothing to save against (PLANNING.md names null only for the payback)
        F.chk(2, P.get('annual_operating_savings') is None, f'annual_operating_savings {P.get("annual_operating_savings")} without a feasible baseline')
    if not site.baseline:
        F.chk(2, B is None, f'baseline {B} though planning.baseline is false')
        F.chk(2, P.get('simple_payback_years') is None, f'payback {P.get("simple_payback_years")} without baseline')
    else:
        lp, c, _ = build(site, fix_new=True)
        rb = lp.solve(c)
        if not F.chk(2, isinstance(B, dict), f'baseline {B!r}'): pass
        elif rb.status == 2:
            F.chk(2, B.get('status') == 'infeasible', f'baseline status {B.get("status")}, HiGHS: infeasible')
            F.chk(2, B.get('objective') is None and B.get('cost_total') is None, f'infeasible baseline with figures {B}')
            F.chk(2, P.get('simple_payback_years') is None, f'payback {P.get("simple_payback_years")} with infeasible baseline')
        elif rb.status == 0:
            if F.chk(2, B.get('status') == 'optimal', f'baseline status {B.get("status")}, HiGHS optimal {rb.fun}'):
                F.chk(2, close(B['objective'], rb.fun), f'baseline objective {B["objective"]} != HiGHS {rb.fun}')
                # cost_total and emissions over the baseline's optimal face
                cap = [({j: c[j] for j in np.nonzero(c)[0]}, rb.fun + 1e-7 * max(1, abs(rb.fun)))]
                for part, val, scale in (('cost', B.get('cost_total'), 1.0), ('emis', B.get('emissions_t'), 1000.0)):
                    cv = lp.dense(part)
                    lo = lp.solve(cv, cap); hi = lp.solve(-cv, cap)
                    if lo.status == 0 and hi.status == 0 and val is not None:
                        F.chk(2, lo.fun - TOL * max(1, abs(lo.fun)) <= val * scale <= -hi.fun + TOL * max(1, abs(hi.fun)),
                              f'baseline {part} {val * scale} outside optimal face range [{lo.fun}, {-hi.fun}]')
                if B.get('cost_total') is not None:
                    sav = (B['cost_total'] - op_plan) / site.y
                    s_t = P.get('annual_operating_savings')
                    if F.chk(2, s_t is not None and close(s_t, sav), f'annual_operating_savings {s_t} != {sav}'):
                        den = sav - fom_sum
                        pb = None if den <= 1e-9 else capex_sum / den
                        pt = P.get('simple_payback_years')
                        F.chk(2, (pb is None and pt is None) or (pb is not None and pt is not None and close(pt, pb)),
                              f'simple_payback_years {pt} != {pb} (capex {capex_sum}, savings {sav}, fixed O&M {fom_sum})')
    # ---- check 3: the schedule against the LP rows, with the tool's totals
    col = lambda k: sch[k]
    le = site.s(sc['loads']['electricity']); lh = site.s(sc['loads'].get('heat'))
    ue = col('unserved.electricity_kw'); uh = col('unserved.heat_kw')
    ebal = [[(1, ue[t]), (-1, le[t])] for t in range(T)]
    hbal = [[(1, uh[t]), (-1, lh[t])] for t in range(T)]
    opc = 0.0; em = 0.0; pen = site.pen * dt * (ue.sum() + uh.sum())
    Gre = 0.0; Gchp = 0.0; Itot = 0.0; Xtot = 0.0
    for t in range(T):
        check_row(F, [(1, ue[t])], le[t], '<=', f'ue[{t}]'); check_row(F, [(1, uh[t])], lh[t], '<=', f'uh[{t}]')
        check_row(F, [(1, ue[t])], 0, '>=', f'ue[{t}]'); check_row(F, [(1, uh[t])], 0, '>=', f'uh[{t}]')
    g = site.grid
    if g is not None:
        imp = col('grid.import_kw'); exp = col('grid.export_kw')
        ip = site.s(g['import_price']); ep = site.s(g.get('export_price', 0)); ci = site.s(g.get('carbon_intensity', 0))
        il = g.get('import_limit_kw'); xl = float(g.get('export_limit_kw', 0))
        for t in range(T):
            check_row(F, [(1, imp[t])], 0, '>=', f'imp[{t}]'); check_row(F, [(1, exp[t])], 0, '>=', f'exp[{t}]')
            if il is not None: check_row(F, [(1, imp[t])], float(il), '<=', f'imp[{t}] limit')
            check_row(F, [(1, exp[t])], xl, '<=', f'exp[{t}] limit')
            ebal[t] += [(1, imp[t]), (-1, exp[t])]
        opc += dt * float(np.dot(ip, imp) - np.dot(ep, exp)); em += dt * float(np.dot(ci, imp))
        Itot = dt * imp.sum(); Xtot = dt * exp.sum()
        if g.get('demand_charge_per_kw') is not None:
            M, midx = site.months(); base0 = float(g.get('demand_peak_so_far_kw', 0))
            for m in range(M):
                pk = max(imp[t] for t in range(T) if midx[t] == m)
                opc += float(g['demand_charge_per_kw']) * max(0.0, pk - (base0 if m == 0 else 0.0))
    else:
        for k in ('grid.import_kw', 'grid.export_kw'):
            if k in sch: F.chk(3, np.all(sch[k] == 0), f'{k} nonzero when islanded')
    wasteuse = {}
    for a in sc['assets']:
        if a['type'] == 'waste_heat':
            d = col(f'{a["name"]}.direct_kw'); av = site.s(a['available_kw'])
            wasteuse[a['name']] = [[(1, d[t])] for t in range(T)]
            for t in range(T):
                check_row(F, [(1, d[t])], 0, '>=', f'{a["name"]}.direct[{t}]')
                if not a.get('direct_use', True): check_row(F, [(1, d[t])], 0, '<=', f'{a["name"]}.direct[{t}] (no direct use)')
                elif a.get('exchanger_capacity_kw') is not None: check_row(F, [(1, d[t])], float(a['exchanger_capacity_kw']), '<=', f'{a["name"]}.direct[{t}] exchanger')
                hbal[t].append((1, d[t]))
    for a in sc['assets']:
        ty = a['type']; nm = a['name']; tot = total.get(nm)
        if ty in ('pv', 'wind'):
            cap = tot['kw'] if tot else float(a['capacity_kw'])
            prof = site.s(a['profile']); gen = col(f'{nm}.output_kw'); cur = col(f'{nm}.curtailed_kw')
            for t in range(T):
                check_row(F, [(1, gen[t])], cap * prof[t], '<=', f'{nm}.gen[{t}] <= total*profile')
                check_row(F, [(1, gen[t])], 0, '>=', f'{nm}.gen[{t}]')
                check_row(F, [(1, cur[t]), (1, gen[t])], cap * prof[t], '==', f'{nm}.curtailed[{t}] = total*profile - gen')
                ebal[t].append((1, gen[t]))
            opc += dt * float(a.get('om_cost_per_kwh', 0)) * gen.sum(); Gre += dt * gen.sum()
        elif ty == 'green_power':
            av = site.s(a['available_kw']); pr = site.s(a.get('price_per_kwh', 0)); gen = col(f'{nm}.output_kw')
            for t in range(T):
                check_row(F, [(1, gen[t])], av[t], '==' if a.get('must_take') else '<=', f'{nm}.gen[{t}]')
                check_row(F, [(1, gen[t])], 0, '>=', f'{nm}.gen[{t}]')
                ebal[t].append((1, gen[t]))
            opc += dt * float(np.dot(pr, gen)); Gre += dt * gen.sum()
        elif ty in ('battery', 'thermal_storage'):
            p = storage_params(a)
            E = tot['kwh'] if tot else p['E0']
            Pc = tot['kw'] if tot else p['P0c']
            Pd = p['P0d'] + tot['new_kw'] if tot else p['P0d']
            ch = col(f'{nm}.charge_kw'); dis = col(f'{nm}.discharge_kw'); soc = col(f'{nm}.soc_kwh')
            keep = 1 - p['lam'] * dt
            s_init = soc[T - 1] if p['fin'] == 'cyclic' else p['ini'] * E
            if p['fin'] == 'cyclic':
                check_row(F, [(1, s_init)], p['hi'] * E, '<=', f'{nm}.soc[-1] max'); check_row(F, [(1, s_init)], p['lo'] * E, '>=', f'{nm}.soc[-1] min')
            for t in range(T):
                check_row(F, [(1, ch[t])], Pc, '<=', f'{nm}.ch[{t}] <= total charge {Pc}')
                check_row(F, [(1, dis[t])], Pd, '<=', f'{nm}.dis[{t}] <= total discharge {Pd}')
                check_row(F, [(1, ch[t])], 0, '>=', f'{nm}.ch[{t}]'); check_row(F, [(1, dis[t])], 0, '>=', f'{nm}.dis[{t}]')
                check_row(F, [(1, soc[t])], p['hi'] * E, '<=', f'{nm}.soc[{t}] <= soc_max*total_e')
                check_row(F, [(1, soc[t])], p['lo'] * E, '>=', f'{nm}.soc[{t}] >= soc_min*total_e')
                prev = s_init if t == 0 else soc[t - 1]
                check_row(F, [(1, soc[t]), (-keep, prev), (-p['ec'] * dt, ch[t]), (dt / p['ed'], dis[t])], 0.0, '==', f'{nm}.dynamics[{t}]')
                (ebal if ty == 'battery' else hbal)[t] += [(1, dis[t]), (-1, ch[t])]
            if p['fin'] not in ('cyclic', 'free'):
                f = p['ini'] if p['fin'] == 'at_least_initial' else float(p['fin'])
                check_row(F, [(1, soc[T - 1])], f * E, '>=', f'{nm}.soc[T-1] end condition')
            if ty == 'battery': opc += dt * float(a.get('cycle_cost_per_kwh', 0)) * dis.sum()
            ef = res.get('assets', {}).get(nm, {}).get('equivalent_full_cycles', 'absent')
            if ef != 'absent':
                want = None if E <= 1e-9 else dt * dis.sum() / E
                F.chk(2, (want is None and ef is None) or (want is not None and ef is not None and close(ef, want)),
                      f'{nm}.equivalent_full_cycles {ef} != {want} (on total_e {E})')
        elif ty in ('heat_pump', 'electric_boiler', 'fuel_boiler'):
            cap = tot['kw'] if tot else float(a['heat_capacity_kw'])
            h = col(f'{nm}.heat_kw')
            for t in range(T):
                check_row(F, [(1, h[t])], cap, '<=', f'{nm}.heat[{t}] <= total {cap}')
                check_row(F, [(1, h[t])], 0, '>=', f'{nm}.heat[{t}]')
                hbal[t].append((1, h[t]))
            if ty == 'heat_pump':
                cop = site.s(a['cop'])
                for t in range(T):
                    ebal[t].append((-1 / cop[t], h[t]))
                    if a.get('source', 'ambient') != 'ambient': wasteuse[a['source']][t].append((1 - 1 / cop[t], h[t]))
            elif ty == 'electric_boiler':
                eff = float(a.get('efficiency', 0.99))
                for t in range(T): ebal[t].append((-1 / eff, h[t]))
            else:
                eff = float(a.get('efficiency', 0.9)); fp = site.s(a['fuel_price_per_kwh'])
                opc += dt * float(np.dot(fp, h)) / eff; em += dt * float(a.get('fuel_emission_factor', 0.202)) * h.sum() / eff
        elif ty == 'chp':
            cap = tot['kw'] if tot else float(a['electric_capacity_kw'])
            ee = float(a.get('electric_efficiency', 0.35)); eh = float(a.get('heat_efficiency', 0.45))
            e = col(f'{nm}.electricity_kw'); fp = site.s(a['fuel_price_per_kwh'])
            for t in range(T):
                check_row(F, [(1, e[t])], cap, '<=', f'{nm}.el[{t}] <= total {cap}')
                check_row(F, [(1, e[t])], 0, '>=', f'{nm}.el[{t}]')
                ebal[t].append((1, e[t])); hbal[t].append((eh / ee, e[t]))
            opc += dt * float(np.dot(fp, e)) / ee; em += dt * float(a.get('fuel_emission_factor', 0.202)) * e.sum() / ee
            Gchp += dt * e.sum()
    for a in sc['assets']:
        if a['type'] == 'waste_heat':
            av = site.s(a['available_kw'])
            for t in range(T): check_row(F, wasteuse[a['name']][t], av[t], '<=', f'{a["name"]} waste heat[{t}]')
    for t in range(T):
        check_row(F, ebal[t], 0.0, '==', f'electricity balance[{t}]')
        check_row(F, hbal[t], 0.0, '>=', f'heat balance[{t}]')
    if 'max_emissions_t' in site.cons:
        check_row(F, [(1, em)], 1000 * float(site.cons['max_emissions_t']), '<=', 'emissions cap')
    if 'min_renewable_share_electricity' in site.cons:
        s = float(site.cons['min_renewable_share_electricity'])
        check_row(F, [(1, Gre), (-1, Xtot), (-s, Itot + Gre + Gchp - Xtot)], 0.0, '>=', 'renewable floor')
    invc = site.y * ann_sum
    obj = opc + invc + site.cp / 1000 * em + pen
    F.chk(3, close(obj, res['objective']), f'objective recomputed from schedule {obj} != tool {res["objective"]}')
    F.chk(3, close(opc, op_plan), f'operating cost from schedule {opc} != cost.total - cost.investment {op_plan}')
    ek = res.get('energy_kwh', {}); kp = res.get('kpis', {})
    cur = sum(dt * col(f'{a["name"]}.curtailed_kw').sum() for a in sc['assets'] if a['type'] in ('pv', 'wind'))
    F.chk(3, close(ek.get('curtailed', math.nan), cur), f'energy_kwh.curtailed {ek.get("curtailed")} != schedule {cur}')
    F.chk(3, close(ek.get('renewable_generation', math.nan), Gre), f'energy_kwh.renewable_generation {ek.get("renewable_generation")} != {Gre}')
    Ce = Itot + Gre + Gchp - Xtot
    rs = None if abs(Ce) <= 1e-9 else max(0.0, Gre - Xtot) / Ce
    rt = kp.get('renewable_share_electricity', 'absent')
    F.chk(3, (rs is None and rt is None) or (rs is not None and rt is not None and rt != 'absent' and close(rt, rs)),
          f'kpis.renewable_share_electricity {rt} != {rs}')
    F.chk(3, close(em, res['emissions_kg']['optimised']), f'emissions from schedule {em} != tool {res["emissions_kg"]["optimised"]}')

# ---------------------------------------------------------------- coverage
def features(site, res):
    """What a solved seed exercised, for the coverage line of the summary."""
    f = set(); P = res.get('planning') or {}; sc = site.sc
    for a in sc['assets']:
        pa = (P.get('assets') or {}).get(a['name'])
        if not pa: continue
        built = (pa.get('new_kw') or 0) > 1e-6 or (pa.get('new_kwh') or 0) > 1e-6
        if built: f.add(f'built {a["type"]}')
        if a['type'] in ('battery', 'thermal_storage') and built:
            f.add('storage built, ' + ('tied power' if 'duration_hours' in a['invest'] else 'free power'))
            f.add('storage built, soc_final ' + str(a.get('soc_final', 'at_least_initial') if not isinstance(a.get('soc_final'), float) else 'number'))
    if site.grid is None: f.add('islanded')
    if site.grid and site.grid.get('demand_charge_per_kw') is not None and site.months()[0] > 1: f.add('demand charge over 2 months')
    if site.r == 0: f.add('discount rate 0')
    B = P.get('baseline')
    if B is None: f.add('no baseline')
    elif B.get('status') == 'infeasible': f.add('baseline infeasible')
    else: f.add('payback null' if P.get('simple_payback_years') is None else 'payback number')
    if 'min_renewable_share_electricity' in site.cons: f.add('renewable floor')
    if 'max_emissions_t' in site.cons: f.add('emissions cap')
    if site.cp > 0: f.add('carbon price')
    if res.get('unserved_penalty', 0) > 1e-9: f.add('unserved energy')
    return f

# ---------------------------------------------------------------- input errors
def negative_tests():
    """PLANNING.md's input rules: each variant of a valid planning scenario must exit 2."""
    base = {'name': 'neg', 'horizon': {'steps': 4}, 'loads': {'electricity': 10},
            'grid': {'import_price': 1.0},
            'assets': [{'type': 'pv', 'name': 'pv', 'capacity_kw': 0, 'profile': 0.5,
                        'invest': {'capex_per_kw': 1000, 'lifetime_years': 20}},
                       {'type': 'battery', 'name': 'b', 'energy_kwh': 0, 'charge_kw': 0,
                        'invest': {'capex_per_kwh': 300, 'lifetime_years': 10, 'duration_hours': 2}}],
            'planning': {}}
    import copy
    def v(f):
        x = copy.deepcopy(base); f(x); return x
    cases = [
        ('invest on green_power', v(lambda x: x['assets'].append({'type': 'green_power', 'name': 'g', 'available_kw': 5, 'invest': {'capex_per_kw': 1, 'lifetime_years': 1}}))),
        ('invest on waste_heat', v(lambda x: x['assets'].append({'type': 'waste_heat', 'name': 'w', 'available_kw': 5, 'invest': {'capex_per_kw': 1, 'lifetime_years': 1}}))),
        ('invest on flexible_load', v(lambda x: x['assets'].append({'type': 'flexible_load', 'name': 'f', 'energy_per_period_kwh': 1, 'period_hours': 4, 'max_kw': 5, 'invest': {'capex_per_kw': 1, 'lifetime_years': 1}}))),
        ('planning without invest', v(lambda x: [a.pop('invest') for a in x['assets']])),
        ('planning with only invest: null', v(lambda x: [a.update(invest=None) for a in x['assets']])),
        ('duration_hours with min_kw', v(lambda x: x['assets'][1]['invest'].update(min_kw=1))),
        ('duration_hours with max_kw', v(lambda x: x['assets'][1]['invest'].update(max_kw=10))),
        ('storage power without duration and capex_per_kw', v(lambda x: x['assets'][1]['invest'].pop('duration_hours'))),
        ('duration_hours 0', v(lambda x: x['assets'][1]['invest'].update(duration_hours=0))),
        ('min_kw > max_kw', v(lambda x: x['assets'][0]['invest'].update(min_kw=5, max_kw=4))),
        ('min_kwh > max_kwh', v(lambda x: x['assets'][1]['invest'].update(min_kwh=5, max_kwh=4))),
        ('lifetime 0', v(lambda x: x['assets'][0]['invest'].update(lifetime_years=0))),
        ('lifetime missing', v(lambda x: x['assets'][0]['invest'].pop('lifetime_years'))),
        ('capex_per_kw missing', v(lambda x: x['assets'][0]['invest'].pop('capex_per_kw'))),
        ('capex_per_kwh missing', v(lambda x: x['assets'][1]['invest'].pop('capex_per_kwh'))),
        ('negative capex', v(lambda x: x['assets'][0]['invest'].update(capex_per_kw=-1))),
        ('negative fixed O&M', v(lambda x: x['assets'][0]['invest'].update(fixed_om_per_kw_year=-1))),
        ('negative min_kw', v(lambda x: x['assets'][0]['invest'].update(min_kw=-1))),
        ('negative discount rate', v(lambda x: x['planning'].update(discount_rate=-0.01))),
        ('unknown invest key', v(lambda x: x['assets'][0]['invest'].update(capex_per_kwp=1))),
        ('unknown planning key', v(lambda x: x['planning'].update(horizon_years=20))),
        ('existing capacity missing under invest', v(lambda x: x['assets'][0].pop('capacity_kw'))),
        ('pv invest with capex_per_kwh', v(lambda x: x['assets'][0]['invest'].update(capex_per_kwh=1))),
    ]
    bad = []
    for i, (what, sc) in enumerate([('valid base', base)] + cases):
        d = os.path.join(WORK, f'neg{i}'); os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'scenario.yaml'), 'w') as f: yaml.safe_dump(sc, f, sort_keys=False, default_flow_style=None)
        r = subprocess.run([BIN, 'solve', os.path.join(d, 'scenario.yaml'), '--out', os.path.join(d, 'out'), '--quiet'], capture_output=True, text=True)
        want = 0 if i == 0 else 2
        if r.returncode != want: bad.append(f'{what}: exit {r.returncode}, expected {want} ({d})')
        else: shutil.rmtree(d)
    return len(cases) + 1, bad

# ---------------------------------------------------------------- one seed
def run(seed, keep=False):
    sc, cols, N = make_scenario(seed)
    d = os.path.join(WORK, f's{seed}')
    if os.path.isdir(d): shutil.rmtree(d)
    write_scenario(d, sc, cols, N)
    out = os.path.join(d, 'out')
    r = subprocess.run([BIN, 'solve', os.path.join(d, 'scenario.yaml'), '--out', out, '--quiet'] + (['--method', METHOD] if METHOD else []), capture_output=True, text=True)
    site = Site(sc, cols)
    lp, c, news = build(site)
    ref = lp.solve(c)
    F = Fails()
    info = {'tool_rc': r.returncode, 'ref_status': ref.status, 'ref': ref.fun if ref.status == 0 else None}
    if r.returncode == 2:
        F.chk(1, False, f'tool refused the scenario: {r.stderr.strip()[-400:]}')
        return F, info
    have = os.path.exists(os.path.join(out, 'results.json')) and r.returncode == 0
    if ref.status in (2, 3):  # tell infeasible from unbounded by a pure feasibility solve
        ref.status = 2 if lp.solve(np.zeros(len(c))).status == 2 else 3
        info['ref_status'] = ref.status
    if ref.status == 2:
        F.chk(1, r.returncode == 3 and not have, f'HiGHS infeasible, tool exit {r.returncode}: {r.stderr.strip()[-300:]}')
        return F, info
    if ref.status == 3:
        F.chk(1, r.returncode == 4, f'HiGHS unbounded, tool exit {r.returncode}')
        return F, info
    if ref.status != 0:
        F.chk(1, False, f'HiGHS status {ref.status}: {ref.message}')
        return F, info
    if not F.chk(1, have, f'HiGHS optimal {ref.fun}, tool exit {r.returncode}: {r.stderr.strip()[-300:]}'):
        return F, info
    res = json.load(open(os.path.join(out, 'results.json')))
    info['tool'] = res['objective']
    info['features'] = features(site, res)
    F.chk(1, close(res['objective'], ref.fun), f'objective tool {res["objective"]!r} HiGHS {ref.fun!r} rel {abs(res["objective"] - ref.fun) / max(1, abs(ref.fun)):.2e}')
    try:
        check_tool(site, res, read_schedule(os.path.join(out, 'schedule.csv')), F)
    except Exception as e:
        import traceback
        F.chk(2, False, f'checker crashed: {e!r} {traceback.format_exc()[-500:]}')
    if seed % 5 == 0:  # PLANNING.md: solve --rolling on a planning scenario is refused (exit 2)
        rr = subprocess.run([BIN, 'solve', os.path.join(d, 'scenario.yaml'), '--out', out + '-rolling', '--quiet', '--rolling', '2/1'], capture_output=True, text=True)
        info['rolling'] = 1
        F.chk('x', rr.returncode == 2, f'solve --rolling 2/1 on a planning scenario: exit {rr.returncode}, expected 2')
    if not keep and not any(F.items.values()): shutil.rmtree(d)
    return F, info

def main():
    args = [a for a in sys.argv[1:] if not a.startswith('-')]
    a, b = int(args[0]), int(args[1])
    nn, nbad = negative_tests()
    for m in nbad: print('  input rule: ' + m, flush=True)
    print(f'input rules: {nn - len(nbad)} of {nn} as PLANNING.md says', flush=True)
    n = 0; ok = {1: 0, 2: 0, 3: 0, 'x': 0}; infeas = 0; unb = 0; cov = {}; n_roll = 0
    for seed in range(a, b + 1):
        F, info = run(seed)
        n += 1; n_roll += info.get('rolling', 0)
        if info['ref_status'] == 2: infeas += 1
        if info['ref_status'] == 3: unb += 1
        for x in info.get('features', ()): cov[x] = cov.get(x, 0) + 1
        for k in (1, 2, 3, 'x'):
            if not F.items[k]: ok[k] += 1
        if any(F.items.values()):
            print(f'seed {seed}: tool exit {info["tool_rc"]}, HiGHS status {info["ref_status"]}', flush=True)
            for k in (1, 2, 3, 'x'):
                for m in F.items[k][: (None if VERBOSE else 3)]: print(f'  check {k}: {m}', flush=True)
    print('coverage (solved seeds): ' + ', '.join(f'{k} {v}' for k, v in sorted(cov.items())))
    print(f'{n} seeds ({infeas} infeasible, {unb} unbounded per HiGHS): objective agreed {ok[1]}, planning figures {ok[2]}, schedule {ok[3]}; --rolling refused on {n_roll - (n - ok["x"])} of {n_roll} tried')

if __name__ == '__main__':
    main()
