"""Solar geometry, synthetic irradiance and PV output for the sample
scenarios' make_data.py scripts (standard library only).

Each script keeps its own site constants and passes them in as a PVSite.
The arithmetic here is the exact arithmetic the scripts were written with:
changing it changes the committed CSVs, which are rebuilt byte for byte.
"""
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class PVSite:
    """A south-facing PV array and where it stands."""
    lat: float            # deg north
    lon: float            # deg east
    tz_meridian: float    # standard meridian of the local time zone, deg east
    tilt_deg: float       # module tilt from horizontal, facing south
    albedo: float         # ground reflectance
    noct_rise_k: float    # cell above air temperature at 800 W/m2, K
    gamma_pdc: float      # power temperature coefficient, 1/K
    system_losses: float  # DC losses: soiling, mismatch, wiring, availability
    inverter_eff: float
    ac_cap: float         # inverter limit, kW AC per kW DC (1 / DC-AC ratio)


def solar(t_mid, site):
    """cos(zenith), cos(incidence on the tilted plane), extraterrestrial
    horizontal irradiance (W/m2) at local standard time t_mid (Spencer 1971
    declination and equation of time)."""
    doy = t_mid.timetuple().tm_yday
    g = 2 * math.pi / 365 * (doy - 1 + (t_mid.hour + t_mid.minute / 60 - 12) / 24)
    decl = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g)
            - 0.006758 * math.cos(2 * g) + 0.000907 * math.sin(2 * g)
            - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))
    eot = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
                    - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g))
    minutes = t_mid.hour * 60 + t_mid.minute + eot + 4 * (site.lon - site.tz_meridian)
    omega = math.radians(minutes / 4 - 180)
    lat = math.radians(site.lat)
    beta = math.radians(site.tilt_deg)
    cosz = (math.sin(lat) * math.sin(decl)
            + math.cos(lat) * math.cos(decl) * math.cos(omega))
    # south-facing plane: the latitude is reduced by the tilt
    cos_inc = (math.sin(lat - beta) * math.sin(decl)
               + math.cos(lat - beta) * math.cos(decl) * math.cos(omega))
    e0 = 1 + 0.033 * math.cos(2 * math.pi * doy / 365)
    return cosz, cos_inc, 1367.0 * e0 * max(cosz, 0.0)


def clear_sky_ghi(cosz):
    """Haurwitz (1945) clear-sky global horizontal irradiance, W/m2."""
    return 1098.0 * cosz * math.exp(-0.057 / cosz) if cosz > 0.01 else 0.0


def erbs_diffuse_fraction(kt):
    """Erbs, Klein and Duffie (1982) diffuse fraction of GHI."""
    if kt <= 0.22:
        return 1 - 0.09 * kt
    if kt <= 0.80:
        return (0.9511 - 0.1604 * kt + 4.388 * kt ** 2 - 16.638 * kt ** 3
                + 12.336 * kt ** 4)
    return 0.165


def pv_ac_per_kw(ghi, cosz, cos_inc, g0h, temp_c, site):
    """kW AC per kW DC for one hour: Erbs split of GHI, isotropic-sky
    transposition to the tilted plane, NOCT-style cell temperature, linear
    temperature derating, DC losses, inverter efficiency and AC limit."""
    if ghi <= 0 or cosz <= 0:
        return 0.0
    kt = min(ghi / g0h, 1.0) if g0h > 0 else 0.0
    dhi = ghi * erbs_diffuse_fraction(kt)
    beta = math.radians(site.tilt_deg)
    if cosz < 0.09:           # sun below ~5 deg: treat all light as diffuse
        poa = ghi * (1 + math.cos(beta)) / 2
    else:
        dni = (ghi - dhi) / cosz
        poa = (dni * max(cos_inc, 0.0) + dhi * (1 + math.cos(beta)) / 2
               + ghi * site.albedo * (1 - math.cos(beta)) / 2)
    t_cell = temp_c + site.noct_rise_k * poa / 800.0
    dc = poa / 1000.0 * (1 + site.gamma_pdc * (t_cell - 25.0)) * (1 - site.system_losses)
    return max(0.0, min(dc * site.inverter_eff, site.ac_cap))


def hourly_ghi(rng, geo, day_states, states):
    """Synthetic hourly GHI, W/m2: clear sky times the day's clear-sky index
    plus Gaussian noise, at least 0.03 of clear sky and at most 1.05 x clear
    sky. geo holds solar() of each hour (hour 0 at midnight), day_states the
    index into states of each day, states (name, daily clear-sky index, hourly
    noise sd) tuples. Draws exactly one rng.gauss per hour, in hour order."""
    ghi = []
    for k, (cosz, _, _) in enumerate(geo):
        _, kd, sd = states[day_states[k // 24]]
        c = clear_sky_ghi(cosz)
        ghi.append(min(c * max(0.03, kd + rng.gauss(0.0, sd)), 1.05 * c))
    return ghi


def scale_ghi(ghi, geo, target_kwh_m2, idx=None):
    """Scale ghi in place so that the hours idx (default: all) sum to
    target_kwh_m2, keeping each hour at most 1.05 x clear sky (20 rounds,
    since the cap takes back part of each rescaling). Returns the first
    round's factor, i.e. how far the raw draw was from the target."""
    if idx is None:
        idx = range(len(ghi))
    raw_scale = target_kwh_m2 / (sum(ghi[k] for k in idx) / 1000.0)
    for _ in range(20):
        f = target_kwh_m2 / (sum(ghi[k] for k in idx) / 1000.0)
        for k in idx:
            ghi[k] = min(ghi[k] * f, 1.05 * clear_sky_ghi(geo[k][0]))
    return raw_scale
