#!/usr/bin/env python3
"""Build march.csv for the textile-dyeing sample (standard library only).

March 2026 (744 hourly rows, UTC+8) of a knit-fabric dyeing and finishing
plant in Keqiao, Shaoxing (Zhejiang), China's largest dyeing cluster. The
plant runs around the clock; its process heat (hot water and low-pressure
steam for jet-dyeing machines, washing and drying) is about 3.5 times its
electricity. Every column is SYNTHETIC: realistic in magnitude and shape,
built from the documented constants below, not measured. Deterministic.

    python3 make_data.py            # writes march.csv next to this script

Columns (timestamp = start of the hour; values are hourly averages):
  ambient_c         outdoor air temperature, deg C
  pv_cf             kW AC per kW DC of the rooftop array
  load_kw           electricity: dyeing machines, pumps, stenter fans,
                    wastewater treatment, compressed air, lighting
  heat_kw           process heat (steam-equivalent), kW thermal
  effluent_heat_kw  heat recoverable from hot dyeing effluent (~40 C)
  airhp_cop         COP of an air-source high-temperature heat pump (85 C)
  fabric_t          fabric dyed in the hour, tonnes (for per-unit figures)
  grid_price        import price, CNY/kWh, Zhejiang 2026 time-of-use tariff
  tou_period        0 valley, 1 flat, 2 peak (for reading only)
"""
import datetime as dt
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pvmodel  # noqa: E402  (../pvmodel.py: sun, irradiance, PV output)

SEED = 20260309
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "march.csv")

START = dt.datetime(2026, 3, 1, 0, 0)      # local time, UTC+8
HOURS = 31 * 24
TZ_OFFSET = "+08:00"

LAT, LON = 30.08, 120.49                   # Keqiao, Shaoxing, Zhejiang
TZ_MERIDIAN = 120.0

# --------------------------------------------------------------- weather
# March GHI around Shaoxing, kWh/m2: climatologies (NASA POWER, Global Solar
# Atlas) give roughly 90-105; 95 is our assumed central value (verify).
GHI_MONTH_KWH_M2 = 95.0
STATES = [("clear", 0.85, 0.04), ("hazy", 0.62, 0.10),
          ("cloudy", 0.38, 0.15), ("rain", 0.15, 0.15)]
P_SPRING = [[0.35, 0.25, 0.22, 0.18], [0.20, 0.25, 0.30, 0.25],
            [0.12, 0.18, 0.35, 0.35], [0.08, 0.12, 0.35, 0.45]]
# Shaoxing March mean about 11 C, daily range about 8 K (CMA 1991-2020
# normals, from general knowledge; verify).
T_MEAN_C, T_HALF_RANGE_K = 11.0, 4.2
T_STATE_OFFSET_K = {"clear": 1.0, "hazy": 0.5, "cloudy": -0.5, "rain": -1.5}

# --------------------------------------------------------------- PV model
TILT_DEG, ALBEDO = 10.0, 0.2               # colour-steel roofs
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
# About 100 t of knit fabric a day, 24/7 in three shifts. Activity factors:
# day shift (08-16) 1.05, middle (16-24) 1.00, night (00-08) 0.92; Sundays
# 0.85. Heat: about 2,200 kWh_th per tonne of fabric (roughly 3 t of steam per
# tonne, within the 2-5 t/t range reported for knit dyeing; from general
# knowledge, verify against the plant's meters). Electricity: about 600 kWh
# per tonne. Batch dyeing makes the heat demand jumpy hour to hour.
ACTIVITY = {"day": 1.05, "middle": 1.00, "night": 0.92}
SUNDAY = 0.85
HEAT_MEAN_KW = 9000.0
HEAT_NOISE, HEAT_RHO = 0.12, 0.5           # AR(1) batch noise
HEAT_MIN_KW, HEAT_MAX_KW = 4000.0, 14500.0
HEAT_KWH_PER_T = 2200.0
EL_BASE_KW = 900.0                         # wastewater treatment, air, lighting (24/7)
EL_PROCESS_KW = 1700.0                     # x activity
# Hot effluent (40-50 C) leaves the dye machines after each batch: we assume
# 30 % of the previous hour's process heat is recoverable from it down to
# ~15 C (an assumption; heat balances of dyehouses put 30-50 % of the heat
# input into the wastewater).
EFFLUENT_SHARE = 0.30
# Air-source high-temperature heat pump to 85 C: COP from the empirical fit of
# Arpagaus et al., Energy 152 (2018) 985, COP = 68.455 x lift^-0.76, with
# lift = 85 C - ambient.
AIRHP_SINK_C = 85.0

# --------------------------------------------------------------- tariff
# Zhejiang industrial TOU in force from 1 July 2026, as in
# battery-plant/DATA.md: price = multiplier x 0.45 + 0.20 CNY/kWh (the 0.45
# energy component and the 0.20 adder are that file's assumptions).
# March (not a summer or winter month): valley 00-07 and 11-14, flat 07-11,
# 14-16 and 23-24, peak 16-23.
MULT = {0: 0.40, 1: 1.00, 2: 1.85}
PRICE = {p: round(m * 0.45 + 0.20, 4) for p, m in MULT.items()}


def tou_period(t):
    h = t.hour
    if h < 7 or 11 <= h < 14:
        return 0
    if 16 <= h < 23:
        return 2
    return 1


# ------------------------------------------------------------------- build
def main():
    rng = random.Random(SEED)
    days = HOURS // 24
    states, s = [], 1
    for d in range(days):
        s = rng.choices(range(4), weights=P_SPRING[s])[0]
        states.append(s)
    anom, a = [], 0.0
    for d in range(days):
        a = 0.6 * a + rng.gauss(0.0, 1.5)
        anom.append(a)

    times = [START + dt.timedelta(hours=k) for k in range(HOURS)]
    geo = [pvmodel.solar(t + dt.timedelta(minutes=30), SITE) for t in times]
    ghi = pvmodel.hourly_ghi(rng, geo, states, STATES)
    raw_scale = pvmodel.scale_ghi(ghi, geo, GHI_MONTH_KWH_M2)

    rows, noise, prev_heat = [], 0.0, HEAT_MEAN_KW
    for k, t in enumerate(times):
        d, h = k // 24, t.hour
        name = STATES[states[d]][0]
        shape = math.cos(2 * math.pi * (h + 0.5 - 14.5) / 24)
        half = T_HALF_RANGE_K * (1.0 if name in ("clear", "hazy") else 0.5)
        temp = T_MEAN_C + 0.12 * (d - 15) + T_STATE_OFFSET_K[name] + anom[d] + half * shape
        cosz, cos_inc, g0h = geo[k]
        pv = pvmodel.pv_ac_per_kw(ghi[k], cosz, cos_inc, g0h, temp, SITE)

        shift = "night" if h < 8 else ("day" if h < 16 else "middle")
        act = ACTIVITY[shift] * (SUNDAY if t.weekday() == 6 else 1.0)
        noise = HEAT_RHO * noise + math.sqrt(1 - HEAT_RHO ** 2) * rng.gauss(0.0, HEAT_NOISE)
        heat = min(max(HEAT_MEAN_KW * act * (1 + noise), HEAT_MIN_KW), HEAT_MAX_KW)
        load = EL_BASE_KW * (1 + rng.gauss(0.0, 0.03)) + EL_PROCESS_KW * act * (1 + 0.5 * noise)
        effluent = EFFLUENT_SHARE * prev_heat
        prev_heat = heat
        lift = AIRHP_SINK_C - temp
        cop = max(1.0, 68.455 * lift ** -0.76)
        fabric = heat / HEAT_KWH_PER_T
        period = tou_period(t)
        rows.append([t.strftime("%Y-%m-%dT%H:%M:%S") + TZ_OFFSET,
                     f"{temp:.1f}", f"{pv:.4f}", f"{load:.1f}", f"{heat:.1f}",
                     f"{effluent:.1f}", f"{cop:.3f}", f"{fabric:.3f}",
                     f"{PRICE[period]:.4f}", str(period)])

    header = ["timestamp", "ambient_c", "pv_cf", "load_kw", "heat_kw",
              "effluent_heat_kw", "airhp_cop", "fabric_t", "grid_price", "tou_period"]
    with open(OUT, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    n = len(rows)
    col = lambda i: [float(r[i]) for r in rows]
    print(f"wrote {OUT}: {n} rows (weather scaled by {raw_scale:.3f})")
    for i, name in enumerate(header[1:-1], start=1):
        v = col(i)
        print(f"  {name:17s} min {min(v):9.3f} mean {sum(v)/n:9.3f} max {max(v):9.3f}")
    print(f"  PV {sum(col(2)):.1f} kWh/kWp in the month; fabric {sum(col(7)):.0f} t; "
          f"{sum(col(3))/sum(col(7)):.0f} kWh_e/t, {sum(col(4))/sum(col(7)):.0f} kWh_th/t")
    print(f"  prices {PRICE}")


if __name__ == "__main__":
    main()
