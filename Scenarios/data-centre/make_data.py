#!/usr/bin/env python3
"""Build january.csv for the data-centre sample (standard library only).

January 2026 (744 hourly rows, UTC+8) of a 5 MW (IT) data centre near
Zhangjiakou, Hebei, one of the national computing hubs, whose server heat is
lifted by heat pumps into a neighbouring residential district-heating loop.
Every column is SYNTHETIC: realistic in magnitude and shape, built from the
documented constants below, not measured. Deterministic (fixed seed).

    python3 make_data.py            # writes january.csv next to this script

Columns (timestamp = start of the hour; values are hourly averages):
  ambient_c       outdoor air temperature, deg C
  pv_cf           kW AC per kW DC of the car-park / ground PV (35 deg tilt)
  wind_cf         net output per kW of the contracted wind farm
  ppa_kw          green power available under the PPA: 6,000 kW x wind_cf
  it_kw           IT (server) load
  load_kw         IT + UPS/distribution losses + cooling + building services
  server_heat_kw  heat recoverable from the warm-water cooling loop (~30 C)
  heat_kw         the neighbour's district-heat demand (secondary loop)
  supply_c        secondary-loop supply temperature (weather-compensated)
  hp_cop          COP of the heat pumps lifting server heat to supply_c
  hp_sink_c       heat-pump condensing temperature (supply_c + 5 K), which
                  scenario.yaml's `cop: {carnot_fraction, sink_c, source_c}`
                  turns into the COP (the same figure as hp_cop)
  grid_price      import price, CNY/kWh, time-of-use tariff (assumed)
  tou_period      0 valley, 1 flat, 2 peak, 3 sharp peak (for reading only)
"""
import datetime as dt
import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pvmodel  # noqa: E402  (../pvmodel.py: sun, irradiance, PV output)

SEED = 20260112
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "january.csv")

START = dt.datetime(2026, 1, 1, 0, 0)      # local time, UTC+8
HOURS = 31 * 24
TZ_OFFSET = "+08:00"

LAT, LON = 40.77, 114.88                   # Zhangjiakou, Hebei
TZ_MERIDIAN = 120.0

# --------------------------------------------------------------- weather
# January GHI around Zhangjiakou, kWh/m2: long-term climatologies (NASA
# POWER, Global Solar Atlas) give roughly 70-85 for northern Hebei; 75 is our
# assumed central value (verify). Winter skies are mostly clear but often hazy.
GHI_MONTH_KWH_M2 = 75.0
STATES = [("clear", 0.88, 0.03), ("hazy", 0.68, 0.08),
          ("cloudy", 0.40, 0.15), ("snow", 0.20, 0.15)]
P_WINTER = [[0.55, 0.30, 0.12, 0.03], [0.40, 0.35, 0.20, 0.05],
            [0.35, 0.30, 0.25, 0.10], [0.40, 0.25, 0.25, 0.10]]
# Air temperature: Zhangjiakou January mean about -8 C with a daily range of
# about 11 K (CMA 1991-2020 normals, from general knowledge; verify). A cold
# wave (about -8 K for three days) is placed in the middle of the month.
T_MEAN_C, T_HALF_RANGE_K = -8.0, 5.5
T_STATE_OFFSET_K = {"clear": 0.0, "hazy": 1.0, "cloudy": 1.5, "snow": -1.0}
COLD_WAVE = (13, 16, -8.0)                 # days [13, 16) of January, K

# --------------------------------------------------------------- PV model
# Ground / car-park mounted, south-facing, 35 deg tilt (about latitude - 5).
TILT_DEG, ALBEDO = 35.0, 0.3               # some snow on the ground
GAMMA_PDC = -0.0037
NOCT_RISE_K = 22.0                         # open rack, more ventilation than a roof
SYSTEM_LOSSES = 0.14
INVERTER_EFF = 0.96
AC_CAP = 0.8
SITE = pvmodel.PVSite(lat=LAT, lon=LON, tz_meridian=TZ_MERIDIAN,
                      tilt_deg=TILT_DEG, albedo=ALBEDO, noct_rise_k=NOCT_RISE_K,
                      gamma_pdc=GAMMA_PDC, system_losses=SYSTEM_LOSSES,
                      inverter_eff=INVERTER_EFF, ac_cap=AC_CAP)

# --------------------------------------------------------------- wind PPA
# A contracted 6,000 kW share of a wind farm on the Bashang plateau. Hub
# wind speed: Weibull (k = 2.0) marginal with hourly AR(1) persistence in
# Gaussian space (rho = 0.97, i.e. weather systems of 1-2 days); generic
# IEC class II power curve (cut-in 3, rated 11, cut-out 25 m/s), 15 % wake,
# availability and electrical losses. The Weibull scale is fitted so that the
# January capacity factor is 0.32: Hebei wind farms reach about 2,200-2,400
# full-load hours a year (NEA statistics, from general knowledge; verify),
# and winter is the windy season.
PPA_CONTRACT_KW = 6000.0
WEIBULL_K, RHO = 2.0, 0.97
CUT_IN, RATED, CUT_OUT = 3.0, 11.0, 25.0
WIND_LOSSES = 0.15
TARGET_WIND_CF = 0.32

# --------------------------------------------------------------- data centre
IT_KW = 5000.0                 # contracted IT load, nearly flat
IT_DIURNAL = 0.02              # +-2 %, busiest in the evening (21:00)
UPS_LOSS = 0.05                # UPS and distribution losses, share of IT
SERVICES_KW = 60.0             # lighting, offices, security
COOLING_BASE = 0.06            # pumps, dry-cooler and CRAH fans at -20 C, share of IT
COOLING_PER_K = 0.002          # extra share of IT per K above -20 C
# -> PUE about 1.15 in January, in line with free-cooled sites in northern
# China (MIIT's 2021-2023 action plan asks new large centres for PUE <= 1.3).
RECOVERABLE = 0.70             # share of IT heat captured by the warm-water loop
SOURCE_C = 30.0                # loop temperature at the heat-pump evaporator

# --------------------------------------------------------------- district heat
# The neighbour: a residential estate of 120,000 m2 heated floor area on a
# secondary loop. Design heat index 45 W/m2 (typical of 2000s buildings in
# northern China; CJJ 34 gives 40-70 W/m2 by building age; verify), design
# outdoor temperature -13.6 C (GB 50736-2012, Zhangjiakou), indoor 18 C
# (the statutory minimum in heated rooms).
DESIGN_KW = 120000 * 45 / 1000.0
T_DESIGN_C, T_INDOOR_C = -13.6, 18.0
INERTIA_H = 12.0               # buildings respond to a smoothed temperature
DIURNAL_HEAT = {6: 1.06, 7: 1.08, 8: 1.06, 12: 0.96, 13: 0.95, 14: 0.95, 15: 0.96}
SUPPLY_MIN_C, SUPPLY_MAX_C = 45.0, 60.0  # weather-compensated supply, at 18 C and at design
# Heat pump COP: 0.45 x Carnot between condensing at supply + 5 K and
# evaporating at source - 5 K (the same 0.45 second-law efficiency as
# battery-plant/DATA.md; industrial heat pumps reach 0.40-0.60, Arpagaus et
# al., Energy 152 (2018) 985).
CARNOT_EFF, APPROACH_K = 0.45, 5.0

# --------------------------------------------------------------- tariff
# Assumed time-of-use tariff for a 110 kV customer in northern Hebei (Jibei):
# valley 23-07, flat 07-17, peak 17-23, sharp 18-20 in Jan, Jul, Aug, Dec.
# Levels: flat 0.50 CNY/kWh (assumed), peak 1.7 x, sharp 1.2 x peak, valley
# 0.4 x flat, i.e. peak:valley 4.25:1 as NDRC [2021] 1093 asks. Neither the
# hours nor the levels were checked against the Jibei notice: verify.
FLAT = 0.50
PRICE = {0: round(FLAT * 0.4, 4), 1: FLAT, 2: round(FLAT * 1.7, 4),
         3: round(FLAT * 1.7 * 1.2, 4)}


def tou_period(t):
    h = t.hour
    if h >= 23 or h < 7:
        return 0
    if 17 <= h < 23:
        return 3 if (t.month in (1, 7, 8, 12) and 18 <= h < 20) else 2
    return 1


# ------------------------------------------------------------------- build
def norm_cdf(z):
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def wind_power(v):
    if v < CUT_IN or v >= CUT_OUT:
        return 0.0
    if v >= RATED:
        return 1.0 - WIND_LOSSES
    return (v ** 3 - CUT_IN ** 3) / (RATED ** 3 - CUT_IN ** 3) * (1 - WIND_LOSSES)


def main():
    rng = random.Random(SEED)
    days = HOURS // 24
    states, s = [], 0
    for d in range(days):
        s = rng.choices(range(4), weights=P_WINTER[s])[0]
        states.append(s)
    anom, a = [], 0.0
    for d in range(days):
        a = 0.6 * a + rng.gauss(0.0, 1.6)
        anom.append(a)

    times = [START + dt.timedelta(hours=k) for k in range(HOURS)]
    geo = [pvmodel.solar(t + dt.timedelta(minutes=30), SITE) for t in times]
    ghi = pvmodel.hourly_ghi(rng, geo, states, STATES)
    raw_scale = pvmodel.scale_ghi(ghi, geo, GHI_MONTH_KWH_M2)

    # wind: Gaussian AR(1) -> uniform -> Weibull with unit scale
    z, unit = 0.0, []
    for k, t in enumerate(times):
        z = RHO * z + math.sqrt(1 - RHO ** 2) * rng.gauss(0.0, 1.0)
        u = min(max(norm_cdf(z), 1e-9), 1 - 1e-9)
        diurnal = 1 + 0.08 * math.cos(2 * math.pi * (t.hour + 0.5 - 15) / 24)
        unit.append((-math.log(1 - u)) ** (1 / WEIBULL_K) * diurnal)
    lo, hi = 3.0, 20.0                     # bisection on the Weibull scale (m/s)
    for _ in range(60):
        c = (lo + hi) / 2
        cf = sum(wind_power(c * x) for x in unit) / HOURS
        lo, hi = (c, hi) if cf < TARGET_WIND_CF else (lo, c)
    scale = (lo + hi) / 2

    rows, t_eff = [], None
    for k, t in enumerate(times):
        d, h = k // 24, t.hour
        name = STATES[states[d]][0]
        shape = math.cos(2 * math.pi * (h + 0.5 - 14.5) / 24)
        half = T_HALF_RANGE_K * (1.0 if name in ("clear", "hazy") else 0.5)
        wave = COLD_WAVE[2] if COLD_WAVE[0] - 1 <= d < COLD_WAVE[1] - 1 else 0.0
        temp = T_MEAN_C + T_STATE_OFFSET_K[name] + 1.5 * anom[d] + wave + half * shape
        cosz, cos_inc, g0h = geo[k]
        pv = pvmodel.pv_ac_per_kw(ghi[k], cosz, cos_inc, g0h, temp, SITE)
        wind = wind_power(scale * unit[k])
        ppa = PPA_CONTRACT_KW * wind

        it = IT_KW * (1 + IT_DIURNAL * math.cos(2 * math.pi * (h + 0.5 - 21) / 24)
                      + rng.gauss(0.0, 0.005))
        cooling = it * (COOLING_BASE + COOLING_PER_K * max(0.0, temp + 20.0))
        load = it * (1 + UPS_LOSS) + cooling + SERVICES_KW
        server_heat = RECOVERABLE * it

        alpha = 1 - math.exp(-1 / INERTIA_H)
        t_eff = temp if t_eff is None else t_eff + alpha * (temp - t_eff)
        x = max(0.0, (T_INDOOR_C - t_eff) / (T_INDOOR_C - T_DESIGN_C))
        heat = DESIGN_KW * x * DIURNAL_HEAT.get(h, 1.0) * (1 + rng.gauss(0.0, 0.015))
        supply = min(SUPPLY_MAX_C + 3.0,
                     SUPPLY_MIN_C + (SUPPLY_MAX_C - SUPPLY_MIN_C) * x)
        t_cond = supply + APPROACH_K + 273.15
        t_evap = SOURCE_C - APPROACH_K + 273.15
        cop = CARNOT_EFF * t_cond / (t_cond - t_evap)
        period = tou_period(t)
        rows.append([t.strftime("%Y-%m-%dT%H:%M:%S") + TZ_OFFSET,
                     f"{temp:.1f}", f"{pv:.4f}", f"{wind:.4f}", f"{ppa:.1f}",
                     f"{it:.1f}", f"{load:.1f}", f"{server_heat:.1f}", f"{heat:.1f}",
                     f"{supply:.1f}", f"{cop:.3f}", f"{float(f'{supply:.1f}') + APPROACH_K:.1f}",
                     f"{PRICE[period]:.4f}", str(period)])

    header = ["timestamp", "ambient_c", "pv_cf", "wind_cf", "ppa_kw", "it_kw",
              "load_kw", "server_heat_kw", "heat_kw", "supply_c", "hp_cop", "hp_sink_c",
              "grid_price", "tou_period"]
    with open(OUT, "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    n = len(rows)
    col = lambda i: [float(r[i]) for r in rows]
    print(f"wrote {OUT}: {n} rows (weather scaled by {raw_scale:.3f}; Weibull scale {scale:.2f} m/s)")
    for i, name in enumerate(header[1:-1], start=1):
        v = col(i)
        print(f"  {name:15s} min {min(v):9.3f} mean {sum(v)/n:9.3f} max {max(v):9.3f}")
    print(f"  PUE mean {sum(col(6))/sum(col(5)):.3f}; PV {sum(col(2)):.1f} kWh/kWp in the month")
    print(f"  prices {PRICE}")


if __name__ == "__main__":
    main()
