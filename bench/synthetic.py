"""The synthetic indicators of the scale benchmarks: which indicators exist, how each country's values
are drawn (deterministic from the seed), and the stream of rows in key order. Labelled synthetic everywhere
(bench/generate.py writes them with a sidecar marked `synthetic = true`)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import count

import numpy as np


class GenerateError(Exception):
    """Synthetic data cannot be written as asked; the message says why."""

YEARS = np.arange(1990, 2025)
NY = len(YEARS)
BLOCK = 40                    # indicators per block (totals first, then breakdowns)

THEMES = (("terrorism", "GPG1"), ("smuggling", "GPG2"), ("trafficking", "GPG3"), ("violence", "GPG3"),
          ("cyber", "GPG4"), ("corruption", "GPG5"), ("fraud", "GPG5"), ("drugs", "GPG6"),
          ("firearms", "GPG6"), ("environment", "GPG7"))
#: The crime area of data/raw/crime_areas.csv each theme stands for (the goal comes from there).
THEME_AREAS = {"terrorism": "terrorism", "smuggling": "migrant smuggling", "trafficking": "human trafficking",
               "violence": "violent crime", "cyber": "cybercrime", "corruption": "corruption",
               "fraud": "financial crime", "drugs": "drug trafficking", "firearms": "firearms trafficking",
               "environment": "environmental crime"}
KINDS = ("count", "rate", "score")
UNITS = {"count": "count", "rate": "rate per 100,000 population", "score": "score (0-100)"}
SEXES = ("Total", "Female", "Male")
AGES = ("0-14", "15-29", "30-44", "45-59", "60 or more")
AGE_SHARE = np.array([0.25, 0.24, 0.21, 0.17, 0.13])   # rough share of population per age group
SEX_AGE = [(s, a) for s in SEXES for a in ("Total",) + AGES]          # 18 combinations
SEX_AGE_CODE = {sa: i for i, sa in enumerate(SEX_AGE)}
PROFILES = {
    "total": [("Total", "Total")],
    "sex": [("Total", "Total"), ("Female", "Total"), ("Male", "Total")],
    "age": [("Total", "Total")] + [("Total", a) for a in AGES],
    "sex_age": SEX_AGE,
}
MAX_RATE = 50_000.0           # per 100,000; keeps every value far below float-to-text exponent form
MAX_COUNT = 999_999_999.0


# --------------------------------------------------------------------------- indicator catalogue

def indicator_spec(j: int) -> tuple[str, str, str]:
    """(indicator_id, kind, breakdown profile) of indicator number j; independent of the seed."""
    theme = THEMES[j % len(THEMES)][0]
    k = j // len(THEMES) + 1
    kind = KINDS[(j + k) % 3]
    if kind == "score":
        profile = ("total", "sex")[(j // 3) % 2]
    else:
        profile = ("sex_age", "total", "age", "sex")[(j // 2) % 4]
    return f"syn_{theme}_{k}_{kind}", kind, profile


@dataclass
class Plan:
    j: int
    kind: str
    breakdowns: list            # [(sex, age)], the first is (Total, Total)
    total_idx: np.ndarray       # flat country*NY+year indices covered by the Total series
    bd_idx: np.ndarray          # ... covered by the breakdown series
    base: np.ndarray            # flat grid: rate per 100k (count/rate) or score
    mult: list                  # per breakdown: rate multiplier (count/rate) or score offset
    share: list                 # per breakdown: share of population (count)


def make_plan(j: int, seed: int, n_countries: int) -> Plan:
    _ind_id, kind, profile = indicator_spec(j)
    rng = np.random.default_rng([seed, j, 0])
    nc = n_countries
    # coverage: non-reporting countries, late starts, early ends (reporting lag), random gaps
    reports = rng.random(nc) < rng.uniform(0.75, 0.97)
    start = np.where(rng.random(nc) < 0.35, rng.integers(1991, 2017, nc), 1990)
    end = np.where(rng.random(nc) < 0.30, rng.integers(2018, 2024, nc), 2024)
    gaps = rng.random((nc, NY)) < rng.uniform(0.02, 0.10)
    total = reports[:, None] & (YEARS >= start[:, None]) & (YEARS <= end[:, None]) & ~gaps
    bd_countries = rng.random(nc) < rng.uniform(0.4, 0.8)
    bd_start = rng.integers(1990, 2011, nc)
    bd = total & bd_countries[:, None] & (YEARS >= bd_start[:, None])

    t = (YEARS - 2007)[None, :]
    breakdowns = PROFILES[profile]
    if kind == "score":
        centre = rng.uniform(25, 75)
        level = np.clip(rng.normal(centre, 15, nc), 2, 98)
        slope = rng.normal(0, 0.3, nc)
        base = level[:, None] + slope[:, None] * t + rng.normal(0, 1.5, (nc, NY))
        female = rng.normal(0, 4)
        mult = [{"Total": 0.0, "Female": female, "Male": -female}[s] for s, _ in breakdowns]
        share = [1.0] * len(breakdowns)
    else:
        level = math.exp(rng.uniform(math.log(0.3), math.log(80.0)))
        country_level = level * rng.lognormal(0, 0.9, nc)
        growth = rng.normal(0, 0.025, nc)
        base = country_level[:, None] * np.exp(growth[:, None] * t) * rng.lognormal(0, 0.08, (nc, NY))
        base = np.minimum(base, MAX_RATE / 20)
        male = rng.uniform(0.5, 0.9)                       # share of the total that is male
        risk = rng.lognormal(0, 0.5, len(AGES))
        risk /= (AGE_SHARE * risk).sum()                   # population-weighted mean risk = 1
        sex_mult = {"Total": 1.0, "Female": 2 * (1 - male), "Male": 2 * male}
        sex_share = {"Total": 1.0, "Female": 0.5, "Male": 0.5}
        mult, share = [], []
        for s, a in breakdowns:
            g = AGES.index(a) if a != "Total" else None
            mult.append(sex_mult[s] * (1.0 if g is None else risk[g]))
            share.append(sex_share[s] * (1.0 if g is None else AGE_SHARE[g]))
    return Plan(j=j, kind=kind, breakdowns=breakdowns, total_idx=np.flatnonzero(total),
                bd_idx=np.flatnonzero(bd), base=base.ravel(), mult=mult, share=share)


def segment_values(plan: Plan, b: int, idx: np.ndarray, pop: np.ndarray, seed: int) -> np.ndarray:
    """Values of breakdown b of plan over the flat grid indices idx."""
    rng = np.random.default_rng([seed, plan.j, 1 + b])
    if plan.kind == "score":
        noise = rng.normal(0, 1.0, plan.base.size)[idx] if b else 0.0
        return np.round(np.clip(plan.base[idx] + plan.mult[b] + noise, 0, 100), 1)
    noise = rng.lognormal(0, 0.06, plan.base.size)[idx] if b else 1.0
    rate = np.minimum(plan.base[idx] * plan.mult[b] * noise, MAX_RATE)
    if plan.kind == "rate":
        return np.round(rate, 2)
    return np.minimum(np.round(rate * pop[idx] * plan.share[b] / 1e5), MAX_COUNT)


def iter_segments(seed: int, n_countries: int):
    """Yield (plan, breakdown number) in stream order, forever."""
    for block in count():
        plans = [make_plan(j, seed, n_countries) for j in range(block * BLOCK, (block + 1) * BLOCK)]
        for p in plans:
            yield p, 0
        for p in plans:
            for b in range(1, len(p.breakdowns)):
                yield p, b


class RowStream:
    """The row stream, taken n rows at a time as column arrays."""

    def __init__(self, seed: int, pop: np.ndarray):
        self.seed, self.pop = seed, pop
        self.segments = iter_segments(seed, pop.size // NY)
        self.cur = None                    # (flat idx, values, j, unit code, sex/age code)
        self.pos = 0

    def _next_segment(self):
        while True:
            plan, b = next(self.segments)
            idx = plan.total_idx if b == 0 else plan.bd_idx
            if idx.size:
                vals = segment_values(plan, b, idx, self.pop, self.seed)
                self.cur = (idx, vals, plan.j, KINDS.index(plan.kind), SEX_AGE_CODE[plan.breakdowns[b]])
                self.pos = 0
                return

    def take(self, n: int):
        idx_parts, val_parts, runs = [], [], []    # runs: (length, j, unit code, sex/age code)
        while n:
            if self.cur is None or self.pos == self.cur[0].size:
                self._next_segment()
            idx, vals, j, unit, sa = self.cur
            m = min(n, idx.size - self.pos)
            idx_parts.append(idx[self.pos:self.pos + m])
            val_parts.append(vals[self.pos:self.pos + m])
            runs.append((m, j, unit, sa))
            self.pos += m
            n -= m
        lengths = np.array([r[0] for r in runs])
        flat = np.concatenate(idx_parts)
        return {
            "country": (flat // NY).astype(np.int32),
            "year": (flat % NY).astype(np.int32),
            "value": np.concatenate(val_parts),
            "indicator": np.repeat(np.array([r[1] for r in runs], dtype=np.int32), lengths),
            "unit": np.repeat(np.array([r[2] for r in runs], dtype=np.int32), lengths),
            "sex_age": np.repeat(np.array([r[3] for r in runs], dtype=np.int32), lengths),
        }
