#!/usr/bin/env python3
"""Build jun-jul.csv for the auto-parts-plant sample (standard library only).

1 June to 31 July 2026 (1,464 hourly rows, UTC+8) of an auto-parts plant in
Foshan, Guangdong: stamping, welding, machining, injection moulding and an
electrically heated e-coat/paint line, two shifts Monday to Saturday. Its
load has short morning peaks (ovens heating up as the lines start), which is
what a monthly demand charge bills. Every column is SYNTHETIC: realistic in
magnitude and shape, built from the documented constants below, not
measured. Deterministic (fixed seed).

    python3 make_data.py            # writes jun-jul.csv next to this script

Columns (timestamp = start of the hour; values are hourly averages):
  ambient_c   outdoor air temperature, deg C
  pv_cf       kW AC per kW DC of the rooftop array
  load_kw     plant electricity demand
  grid_price  import price, CNY/kWh, Guangdong time-of-use tariff
  tou_period  0 valley, 1 flat, 2 peak, 3 sharp peak (for reading only)
"""
import datetime as dt
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pvmodel  # noqa: E402  (../pvmodel.py: sun, irradiance, PV output)

SEED = 20260622
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jun-jul.csv")

START = dt.datetime(2026, 6, 1, 0, 0)      # local time, UTC+8
HOURS = (30 + 31) * 24
TZ_OFFSET = "+08:00"

LAT, LON = 23.02, 113.12                   # Foshan, Guangdong
TZ_MERIDIAN = 120.0

# --------------------------------------------------------------- weather
# Monthly GHI around Foshan/Guangzhou, kWh/m2: climatologies (NASA POWER,
# Global Solar Atlas) give roughly 115-130 for June (the "dragon-boat
# rains") and 145-160 for July; 122 and 150 are our assumed values (verify).
GHI_MONTH_KWH_M2 = {6: 122.0, 7: 150.0}
STATES = [("clear", 0.82, 0.05), ("hazy", 0.62, 0.10),
          ("cloudy", 0.40, 0.15), ("rain", 0.18, 0.15)]
P_MONTH = {6: [[0.40, 0.30, 0.20, 0.10], [0.25, 0.35, 0.25, 0.15],
               [0.15, 0.30, 0.35, 0.20], [0.10, 0.25, 0.35, 0.30]],
           7: [[0.45, 0.30, 0.17, 0.08], [0.30, 0.35, 0.23, 0.12],
               [0.20, 0.30, 0.30, 0.20], [0.15, 0.25, 0.35, 0.25]]}
# Air temperature: Foshan June mean about 28 C, July about 29 C, daily range
# about 7 K (CMA 1991-2020 normals for Guangzhou, from general knowledge).
T_MEAN_C = {6: 28.0, 7: 29.0}
T_HALF_RANGE_K = 3.6
T_STATE_OFFSET_K = {"clear": 1.3, "hazy": 0.6, "cloudy": -0.6, "rain": -2.0}

# --------------------------------------------------------------- PV model
TILT_DEG, ALBEDO = 10.0, 0.2
GAMMA_PDC = -0.0037
NOCT_RISE_K = 25.0
SYSTEM_LOSSES = 0.14
INVERTER_EFF = 0.96
AC_CAP = 0.8
SITE = pvmodel.PVSite(lat=LAT, lon=LON, tz_meridian=TZ_MERIDIAN,
                      tilt_deg=TILT_DEG, albedo=ALBEDO, noct_rise_k=NOCT_RISE_K,
                      gamma_pdc=GAMMA_PDC, system_losses=SYSTEM_LOSSES,
                      inverter_eff=INVERTER_EFF, ac_cap=AC_CAP)

# --------------------------------------------------------------- plant
# Two shifts 08:00-16:00 and 16:00-24:00, Monday to Saturday; Sundays and
# the Dragon Boat Festival holiday (19-21 June 2026) idle. Levels are
# assumptions for a plant of roughly 25 GWh a year.
BASE_KW = 800.0                # compressed air, e-coat bath circulation, cooling water, IT, lighting
PRODUCTION_KW = 3000.0         # in shift, per hour
BREAK_FACTOR = {12: 0.85, 16: 0.90, 18: 0.85}   # meal breaks, shift handover
OVEN_HOLD_KW = 400.0           # curing ovens holding temperature in shift
OVEN_HEATUP_KW = {7: 1600.0, 8: 1200.0}         # heat-up before and at the start of the first shift
COLD_START_FACTOR = 1.3        # first working day after a day off: ovens start cold
PRESS_KW = 700.0               # 2,000 t press line, 2-4 random hours a working day
HVAC_PER_K_KW = 50.0           # workshop spot cooling and offices, per K above 26 C
HVAC_OFF_SHIFT = 0.3
HOLIDAYS = {dt.date(2026, 6, 19), dt.date(2026, 6, 20), dt.date(2026, 6, 21)}

# --------------------------------------------------------------- tariff
# Guangdong TOU (Guangdong DRC notice on improving peak-valley TOU pricing,
# September 2021, as reported 2021-09-06): peak 10-12 and 14-19, valley
# 00-08, flat otherwise; peak:flat:valley = 1.7 : 1 : 0.38; sharp peak = peak
# x 1.25 during 11-12 and 15-17 in all of July, August and September, and in
# other months on days whose forecast maximum in Guangzhou reaches 35 C (here:
# the synthetic day's maximum). Flat level 0.66 CNY/kWh for 1-10 kV (energy,
# T&D and funds) is our assumption from typical agency-purchase levels.
FLAT = 0.66
PRICE = {0: round(FLAT * 0.38, 4), 1: FLAT, 2: round(FLAT * 1.7, 4),
         3: round(FLAT * 1.7 * 1.25, 4)}


def tou_period(t, hot_day):
    h = t.hour
    if h < 8:
        return 0
    if 10 <= h < 12 or 14 <= h < 19:
        if (t.month in (7, 8, 9) or hot_day) and (h == 11 or 15 <= h < 17):
            return 3
        return 2
    return 1


# ------------------------------------------------------------------- build
def main():
    rng = random.Random(SEED)
    days = HOURS // 24
    dates = [(START + dt.timedelta(days=d)).date() for d in range(days)]
    states, s = [], 2
    for d in range(days):
        s = rng.choices(range(4), weights=P_MONTH[dates[d].month][s])[0]
        states.append(s)
    anom, a = [], 0.0
    for d in range(days):
        a = 0.6 * a + rng.gauss(0.0, 1.0)
        anom.append(a)

    times = [START + dt.timedelta(hours=k) for k in range(HOURS)]
    geo = [pvmodel.solar(t + dt.timedelta(minutes=30), SITE) for t in times]
    ghi = pvmodel.hourly_ghi(rng, geo, states, STATES)
    raw = {}
    for month, target in GHI_MONTH_KWH_M2.items():
        idx = [k for k, t in enumerate(times) if t.month == month]
        raw[month] = pvmodel.scale_ghi(ghi, geo, target, idx)

    temps = []
    for k, t in enumerate(times):
        d, h = k // 24, t.hour
        name = STATES[states[d]][0]
        shape = math.cos(2 * math.pi * (h + 0.5 - 14.5) / 24)
        half = T_HALF_RANGE_K * (1.0 if name in ("clear", "hazy") else 0.6)
        temps.append(T_MEAN_C[t.month] + T_STATE_OFFSET_K[name] + 1.2 * anom[d] + half * shape)
    hot = {dates[d]: max(temps[d * 24:(d + 1) * 24]) >= 35.0 for d in range(days)}

    working = {dd: dd.weekday() != 6 and dd not in HOLIDAYS for dd in dates}
    press_hours = {}
    for dd in dates:
        n = rng.randint(2, 4)
        press_hours[dd] = set(rng.sample(range(9, 23), n)) if working[dd] else set()

    rows = []
    for k, t in enumerate(times):
        dd, h = t.date(), t.hour
        temp = temps[k]
        cosz, cos_inc, g0h = geo[k]
        pv = pvmodel.pv_ac_per_kw(ghi[k], cosz, cos_inc, g0h, temp, SITE)
        work = working[dd]
        in_shift = work and h >= 8
        prev_day = dd - dt.timedelta(days=1)
        cold = work and not working.get(prev_day, True)
        load = BASE_KW * (1 + rng.gauss(0.0, 0.03))
        hvac = HVAC_PER_K_KW * max(0.0, temp - 26.0)
        load += hvac * (1.0 if in_shift else HVAC_OFF_SHIFT)
        if in_shift:
            load += PRODUCTION_KW * BREAK_FACTOR.get(h, 1.0) * (1 + rng.gauss(0.0, 0.05))
            load += OVEN_HOLD_KW
            if h in press_hours[dd]:
                load += PRESS_KW
        if work and h in OVEN_HEATUP_KW:
            load += OVEN_HEATUP_KW[h] * (COLD_START_FACTOR if cold else 1.0) * (1 + rng.gauss(0.0, 0.08))
        period = tou_period(t, hot[dd])
        rows.append([t.strftime("%Y-%m-%dT%H:%M:%S") + TZ_OFFSET,
                     f"{temp:.1f}", f"{pv:.4f}", f"{load:.1f}",
                     f"{PRICE[period]:.4f}", str(period)])

    header = ["timestamp", "ambient_c", "pv_cf", "load_kw", "grid_price", "tou_period"]
    with open(OUT, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    n = len(rows)
    col = lambda i: [float(r[i]) for r in rows]
    print(f"wrote {OUT}: {n} rows (weather scaled by " +
          ", ".join(f"{m}: {v:.3f}" for m, v in raw.items()) + ")")
    for i, name in enumerate(header[1:-1], start=1):
        v = col(i)
        print(f"  {name:10s} min {min(v):9.3f} mean {sum(v)/n:9.3f} max {max(v):9.3f}")
    for m in (6, 7):
        idx = [k for k, t in enumerate(times) if t.month == m]
        print(f"  month {m}: PV {sum(float(rows[k][2]) for k in idx):.1f} kWh/kWp, "
              f"load {sum(float(rows[k][3]) for k in idx)/1e3:.0f} MWh, "
              f"peak {max(float(rows[k][3]) for k in idx):.0f} kW")
    print("  hot days (sharp peak outside Jul-Sep):",
          [str(dd) for dd in dates if hot[dd] and dd.month not in (7, 8, 9)])
    print(f"  prices {PRICE}")


if __name__ == "__main__":
    main()
