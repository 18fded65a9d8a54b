#!/usr/bin/env python3
"""Build july.csv for the lithium-cell-plant sample (standard library only).

One month (July 2026, 744 hourly rows, UTC+8) of a two-shift lithium-ion cell
plant near Suzhou, Jiangsu. Every column is SYNTHETIC: realistic in magnitude
and shape, built from the documented constants below, not measured at any
site. Deterministic: a fixed seed; rerunning rewrites the file byte for byte.

    python3 make_data.py            # writes july.csv next to this script

Columns (timestamp = start of the hour; values are hourly averages):
  pv_cf        kW AC per kW DC of the rooftop array (0..0.8)
  ambient_c    outdoor air temperature, deg C
  process_kw   production lines (mixing, coating + drying/NMP recovery,
               calendering, slitting, winding/stacking, assembly, filling)
  formation_kw formation and ageing (runs 24/7)
  dryroom_kw   dry-room HVAC: desiccant wheels, regeneration heaters, AHUs
  utility_kw   process cooling water, compressed air, N2, lighting, offices
  load_kw      the sum of the four above (the scenario's electric load)
  cells_kwh    cell capacity produced in the hour (kWh of cells), for
               per-unit figures
  grid_price   import price, CNY/kWh, Jiangsu-style time-of-use tariff
  tou_period   0 valley, 1 flat, 2 peak, 3 sharp peak (for reading only)
"""
import datetime as dt
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pvmodel  # noqa: E402  (../pvmodel.py: sun, irradiance, PV output)

SEED = 20260701
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "july.csv")

# ----------------------------------------------------------------- calendar
START = dt.datetime(2026, 7, 1, 0, 0)      # local time, UTC+8
HOURS = 31 * 24
TZ_OFFSET = "+08:00"

# ----------------------------------------------------------------- site
LAT, LON = 31.30, 120.62                   # Suzhou, Jiangsu
TZ_MERIDIAN = 120.0                        # UTC+8 standard meridian

# --------------------------------------------------------------- weather
# Monthly mean GHI for July near Suzhou, kWh/m2. Long-term climatologies
# (NASA POWER, Meteonorm, Global Solar Atlas) give roughly 140-155 for the
# Yangtze delta in July; 145 is our assumed central value (verify locally).
GHI_MONTH_KWH_M2 = 145.0
# Daily weather states: (name, daily clear-sky index, hourly noise sd).
STATES = [("clear", 0.85, 0.04), ("hazy", 0.65, 0.10),
          ("cloudy", 0.40, 0.15), ("rain", 0.15, 0.20)]
# Markov transition matrices. 1-10 July: end of the plum-rain season
# (meiyu, mid-June to early/mid-July in the Yangtze delta): mostly cloudy and
# rainy. From 11 July: the hot, sunny mid-summer spell (fu-tian).
P_MEIYU = [[0.40, 0.30, 0.20, 0.10], [0.20, 0.30, 0.30, 0.20],
           [0.10, 0.20, 0.40, 0.30], [0.05, 0.15, 0.40, 0.40]]
P_SUMMER = [[0.50, 0.30, 0.15, 0.05], [0.35, 0.40, 0.18, 0.07],
            [0.25, 0.35, 0.28, 0.12], [0.15, 0.30, 0.35, 0.20]]
# Air temperature: Suzhou July mean about 28.5 C, mean daily range about 7 K
# (CMA 1991-2020 normals, from general knowledge; verify). Cloudy days are
# cooler and have a smaller range.
T_MEAN_C, T_HALF_RANGE_K = 28.5, 3.8
T_STATE_OFFSET_K = {"clear": 1.2, "hazy": 0.5, "cloudy": -0.8, "rain": -2.2}

# --------------------------------------------------------------- PV model
# Rooftop modules on colour-steel factory roofs: south-facing, 10 deg tilt.
TILT_DEG, ALBEDO = 10.0, 0.2
GAMMA_PDC = -0.0037          # power temperature coefficient, 1/K (mono-Si)
NOCT_RISE_K = 25.0           # cell above air at 800 W/m2 (roof mounted)
SYSTEM_LOSSES = 0.14         # soiling, mismatch, wiring, availability (PVWatts default 14.08 %)
INVERTER_EFF = 0.96
AC_CAP = 0.8                 # DC/AC ratio 1.2 -> at most 0.8 kW AC per kW DC
SITE = pvmodel.PVSite(lat=LAT, lon=LON, tz_meridian=TZ_MERIDIAN,
                      tilt_deg=TILT_DEG, albedo=ALBEDO, noct_rise_k=NOCT_RISE_K,
                      gamma_pdc=GAMMA_PDC, system_losses=SYSTEM_LOSSES,
                      inverter_eff=INVERTER_EFF, ac_cap=AC_CAP)

# --------------------------------------------------------------- plant
# Two shifts 08:00-16:00 and 16:00-24:00, Monday to Saturday; Sunday is a
# maintenance day (lines idle, ovens on standby). Formation/ageing and the
# dry rooms run around the clock. Levels are assumptions sized for a cell
# plant of roughly 2 GWh a year (about 24 kWh of electricity per kWh of cells:
# Degen et al., Nature Energy 8 (2023) 1284, report about 20-30 kWh/kWh_cell
# for today's plants; electrode drying and dry rooms are the largest users).
SHIFT_START_H, SHIFT_END_H = 8, 24
PROCESS_ON_KW, PROCESS_OFF_KW, PROCESS_SUNDAY_KW = 3300.0, 700.0, 900.0
PROCESS_CHANGEOVER = 0.92            # 16:00 hour: shift handover dip
FORMATION_KW = 1100.0                # 24/7, +-5 % as cycler batches turn over
DRYROOM_BASE_KW = 1500.0             # dew point -40 C rooms, at 20 C outdoor
DRYROOM_PER_K_KW = 45.0              # extra per K above 20 C (humid summer air)
DRYROOM_SHIFT_FACTOR = 1.08          # doors and people add moisture in shifts
UTILITY_ON_KW, UTILITY_OFF_KW = 900.0, 450.0
UTILITY_PER_K_KW = 20.0              # chillers, per K above 22 C
CELLS_KWH_PER_SHIFT_HOUR = 440.0     # ~2.2 GWh/a over ~5,000 production h

# --------------------------------------------------------------- tariff
# Jiangsu-style industrial TOU (>= 315 kVA, two-part tariff), hours as in the
# Jiangsu regime in force for several years (peak 08-11 and 17-22, flat 11-17
# and 22-24, valley 00-08; from general knowledge, verify against the current
# Jiangsu DRC notice, which has been revised). Summer (July, August) sharp
# peak = peak x 1.2 (Jiangsu DRC notice on improving TOU pricing, summarised by
# ccaon.com); the sharp hours 10-11 and 20-22 are our assumption.
# Levels: flat 0.62 CNY/kWh (energy, T&D for 1-10 kV and government funds,
# assumed from typical agency-purchase levels), peak = 1.7 x flat, valley =
# 0.42 x flat, so peak:valley is 4.05:1 as NDRC Fa Gai Jia Ge [2021] 1093
# requires where the system's peak-valley difference exceeds 40 %.
FLAT = 0.62
PRICE = {0: round(FLAT * 0.42, 4), 1: FLAT, 2: round(FLAT * 1.7, 4),
         3: round(FLAT * 1.7 * 1.2, 4)}
SHARP_HOURS = {10, 20, 21}


def tou_period(t):
    h = t.hour
    if h < 8:
        p = 0
    elif 8 <= h < 11 or 17 <= h < 22:
        p = 2
    else:
        p = 1
    if p == 2 and t.month in (7, 8) and h in SHARP_HOURS:
        p = 3
    return p


# ------------------------------------------------------------------- build
def main():
    rng = random.Random(SEED)
    days = HOURS // 24
    # daily weather states
    states, s = [], 2
    for d in range(days):
        p = P_MEIYU if d < 10 else P_SUMMER
        s = rng.choices(range(4), weights=p[s])[0]
        states.append(s)
    # daily temperature anomaly, AR(1)
    anom, a = [], 0.0
    for d in range(days):
        a = 0.6 * a + rng.gauss(0.0, 1.0)
        anom.append(a)

    times = [START + dt.timedelta(hours=k) for k in range(HOURS)]
    geo = [pvmodel.solar(t + dt.timedelta(minutes=30), SITE) for t in times]
    ghi = pvmodel.hourly_ghi(rng, geo, states, STATES)
    # scale the month to the assumed monthly GHI, keeping each hour at most
    # 1.05 x clear sky
    raw_scale = pvmodel.scale_ghi(ghi, geo, GHI_MONTH_KWH_M2)

    rows = []
    for k, t in enumerate(times):
        d = k // 24
        name = STATES[states[d]][0]
        h = t.hour
        # air temperature: minimum near 05:00, maximum near 14:00
        shape = math.cos(2 * math.pi * (h + 0.5 - 14.5) / 24)
        half = T_HALF_RANGE_K * (1.0 if name in ("clear", "hazy") else 0.6)
        temp = T_MEAN_C + T_STATE_OFFSET_K[name] + 1.2 * anom[d] + half * shape
        cosz, cos_inc, g0h = geo[k]
        pv = pvmodel.pv_ac_per_kw(ghi[k], cosz, cos_inc, g0h, temp, SITE)

        sunday = t.weekday() == 6
        in_shift = (not sunday) and SHIFT_START_H <= h < SHIFT_END_H
        if sunday:
            process = PROCESS_SUNDAY_KW
        elif in_shift:
            process = PROCESS_ON_KW * (PROCESS_CHANGEOVER if h == 16 else 1.0)
        else:
            process = PROCESS_OFF_KW
        process *= 1 + rng.gauss(0.0, 0.03)
        formation = FORMATION_KW * (1 + 0.05 * math.sin(2 * math.pi * k / 7.0)
                                    + rng.gauss(0.0, 0.02))
        dryroom = (DRYROOM_BASE_KW + DRYROOM_PER_K_KW * max(0.0, temp - 20.0))
        dryroom *= (DRYROOM_SHIFT_FACTOR if in_shift else 1.0) * (1 + rng.gauss(0.0, 0.02))
        utility = ((UTILITY_ON_KW if in_shift else UTILITY_OFF_KW)
                   + UTILITY_PER_K_KW * max(0.0, temp - 22.0)) * (1 + rng.gauss(0.0, 0.03))
        cells = CELLS_KWH_PER_SHIFT_HOUR * (PROCESS_CHANGEOVER if h == 16 else 1.0) if in_shift else 0.0
        period = tou_period(t)
        load = process + formation + dryroom + utility
        rows.append([t.strftime("%Y-%m-%dT%H:%M:%S") + TZ_OFFSET,
                     f"{pv:.4f}", f"{temp:.1f}", f"{process:.1f}", f"{formation:.1f}",
                     f"{dryroom:.1f}", f"{utility:.1f}", f"{load:.1f}", f"{cells:.1f}",
                     f"{PRICE[period]:.4f}", str(period)])

    header = ["timestamp", "pv_cf", "ambient_c", "process_kw", "formation_kw",
              "dryroom_kw", "utility_kw", "load_kw", "cells_kwh", "grid_price",
              "tou_period"]
    with open(OUT, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    # a short summary for DATA notes
    n = len(rows)
    col = lambda i: [float(r[i]) for r in rows]
    pv, load = col(1), col(7)
    print(f"wrote {OUT}: {n} rows (weather scaled by {raw_scale:.3f} to the monthly GHI)")
    print(f"  pv_cf mean {sum(pv)/n:.4f} -> {sum(pv):.1f} kWh/kWp in the month; max {max(pv):.3f}")
    print(f"  ambient {min(col(2)):.1f}..{max(col(2)):.1f} C, mean {sum(col(2))/n:.1f}")
    print(f"  load {min(load):.0f}..{max(load):.0f} kW, mean {sum(load)/n:.0f}, "
          f"month {sum(load)/1e3:.0f} MWh")
    for i, name in ((3, "process"), (4, "formation"), (5, "dryroom"), (6, "utility")):
        print(f"  {name} share {sum(col(i))/sum(load)*100:.1f} %")
    print(f"  cells {sum(col(8))/1e3:.1f} MWh of cells -> "
          f"{sum(load)/sum(col(8)):.1f} kWh per kWh of cells")
    print(f"  prices {PRICE}")


if __name__ == "__main__":
    main()
