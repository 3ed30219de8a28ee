"""Tests of the synthetic benchmark data generator (`python -m bench.generate`)."""
from __future__ import annotations

import csv
import fnmatch
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import generate, synthetic  # noqa: E402

ROWS = 10_000
SEED = 7
GOALS_HEADER = "indicator_pattern,crime_area,direction,series_kind,rationale\n"
GOALS_BODY = ("homicide_rate_per_100k,violent crime,worse,indicator,Lethal violence (GPG3).\n"
              'cpi_score,corruption,better,indicator,"Perceived corruption, higher is cleaner (GPG5)."\n')
GOALS_SIDECAR = ('source_id = "indicator_goals"\nformat = "reference"\ntable = "indicator_goals"\n'
                 'title = "Fake goal mapping"\npublisher = "test"\nurl = "x"\nlicense = "CC0-1.0"\n'
                 'retrieved = "2026-01-01"\n')
KEY = ("indicator_id", "iso3", "year", "sex", "age")
UNIT_OF_KIND = {"count": "count", "rate": "rate per 100,000 population", "score": "score (0-100)"}


@pytest.fixture(scope="module")
def ref_dir(tmp_path_factory) -> Path:
    ref = tmp_path_factory.mktemp("ref")
    (ref / "indicator_goals.csv").write_text(GOALS_HEADER + GOALS_BODY, encoding="utf-8")
    (ref / "indicator_goals.csv.source.toml").write_text(GOALS_SIDECAR, encoding="utf-8")
    (ref / "unodc_fake.csv").write_text("iso3,country,year,indicator_id,value,unit\n", encoding="utf-8")
    (ref / "unodc_fake.csv.source.toml").write_text(GOALS_SIDECAR, encoding="utf-8")
    return ref


def args(out: Path, ref: Path, *extra: str) -> list[str]:
    return ["--rows", str(ROWS), "--data-dir", str(out), "--seed", str(SEED),
            "--reference-from", str(ref), *extra]


@pytest.fixture(scope="module")
def run1(tmp_path_factory, ref_dir) -> Path:
    out = tmp_path_factory.mktemp("out1")
    (out / "raw").mkdir()
    (out / "raw" / "synthetic_indicators_009.csv").write_text("stale\n", encoding="utf-8")
    assert generate.main(args(out, ref_dir)) == 0
    return out / "raw"


def read_rows(raw: Path) -> list[dict]:
    rows = []
    for path in sorted(raw.glob("synthetic_indicators_*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames == ["iso3", "country", "year", "indicator_id", "value", "unit", "sex", "age"]
            rows.extend(reader)
    return rows


def population_iso3() -> set[str]:
    path = next(p for p in (REPO / "data" / "raw" / generate.POPULATION_FILE, generate.SHARED_POPULATION)
                if p.is_file())
    return set(generate.load_population(path)[0])


def test_rows_keys_and_values(run1):
    assert not (run1 / "synthetic_indicators_009.csv").exists()          # stale file removed
    assert sorted(p.name for p in run1.glob("synthetic_indicators_*")) == [
        "synthetic_indicators_001.csv", "synthetic_indicators_001.csv.source.toml"]
    rows = read_rows(run1)
    assert len(rows) == ROWS
    assert len({tuple(r[k] for k in KEY) for r in rows}) == ROWS          # unique keys
    countries = population_iso3()
    for r in rows:
        m = re.fullmatch(r"syn_[a-z]+_\d+_(count|rate|score)", r["indicator_id"])
        assert m, r
        assert r["unit"] == UNIT_OF_KIND[m.group(1)]
        assert r["iso3"] in countries and r["country"]
        assert 1990 <= int(r["year"]) <= 2024
        assert r["sex"] in {"Total", "Female", "Male"}
        assert r["age"] in {"Total", "0-14", "15-29", "30-44", "45-59", "60 or more"}
        assert re.fullmatch(r"\d+(\.\d+)?", r["value"]), r                 # plain decimal
        value = float(r["value"])
        assert value >= 0
        if m.group(1) == "score":
            assert value <= 100
        if m.group(1) == "count":
            assert "." not in r["value"]
    assert len({r["iso3"] for r in rows}) > 100                            # spread over many countries


def test_sidecars(run1):
    csvs = sorted(run1.glob("synthetic_indicators_*.csv"))
    for path in csvs:
        meta = tomllib.loads((run1 / (path.name + ".source.toml")).read_text(encoding="utf-8"))
        assert meta["synthetic"] is True
        assert "SYNTHETIC" in meta["title"]
        assert meta["source_id"] == path.stem
        assert meta["publisher"] == "Project benchmark generator (synthetic, not real data)"
        assert meta["url"] == "bench/generate.py"
        assert meta["license"] == "CC0-1.0"
        assert meta["retrieved"] == "2026-11-22"
        assert meta["format"] == "tidy"
        assert f"--rows {ROWS}" in meta["notes"] and f"seed = {SEED}" in meta["notes"]


def test_reference_copy_and_goal_mapping(run1):
    assert not (run1 / "unodc_fake.csv").exists()                          # excluded prefix
    assert (run1 / "indicator_goals.csv.source.toml").read_text(encoding="utf-8") == GOALS_SIDECAR
    text = (run1 / "indicator_goals.csv").read_text(encoding="utf-8")
    assert text.startswith(GOALS_HEADER + GOALS_BODY)                      # original rows untouched
    with (run1 / "indicator_goals.csv").open(newline="", encoding="utf-8") as f:
        mapping = list(csv.DictReader(f))
    syn = [m for m in mapping if m["indicator_pattern"].startswith("syn_")]
    assert len(syn) >= 7
    assert {m["crime_area"] for m in syn} == set(synthetic.THEME_AREAS.values())
    areas = {r["crime_area"]: r["goal_id"] for r in csv.DictReader((REPO / "data" / "raw" / "crime_areas.csv").open())}
    assert {areas[m["crime_area"]] for m in syn} == {f"GPG{i}" for i in range(1, 8)}
    assert all(m["direction"] == "worse" and m["series_kind"] == "indicator" for m in syn)
    assert all(m["rationale"] == "Synthetic benchmark indicator (not real data)" for m in syn)
    for ind in {r["indicator_id"] for r in read_rows(run1)}:               # every id gets a syn_ goal
        first = next(m for m in mapping if fnmatch.fnmatchcase(ind, m["indicator_pattern"]))
        assert first["indicator_pattern"].startswith("syn_")


def test_byte_identical_second_run_via_cli(run1, ref_dir, tmp_path):
    out = tmp_path / "out2"
    proc = subprocess.run([sys.executable, "-m", "bench.generate", *args(out, ref_dir)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "10,000 rows" in proc.stdout
    names = sorted(p.name for p in run1.iterdir())
    assert sorted(p.name for p in (out / "raw").iterdir()) == names
    for name in names:
        assert (out / "raw" / name).read_bytes() == (run1 / name).read_bytes(), name


def test_split_files_concatenate_to_same_rows(run1, ref_dir, tmp_path):
    out = tmp_path / "split"
    assert generate.main(args(out, ref_dir, "--max-file-rows", "3000")) == 0
    parts = sorted((out / "raw").glob("synthetic_indicators_*.csv"))
    assert [p.name for p in parts] == [f"synthetic_indicators_00{i}.csv" for i in range(1, 5)]
    assert [len(p.read_bytes().splitlines()) - 1 for p in parts] == [3000, 3000, 3000, 1000]
    body = b"".join(p.read_bytes().split(b"\n", 1)[1] for p in parts)
    assert body == (run1 / "synthetic_indicators_001.csv").read_bytes().split(b"\n", 1)[1]


def test_missing_reference_folder_fails_clearly(tmp_path, capsys):
    rc = generate.main(["--rows", "1000", "--data-dir", str(tmp_path / "o"),
                        "--reference-from", str(tmp_path / "missing")])
    assert rc == 2
    assert "reference folder" in capsys.readouterr().err
    assert not list((tmp_path / "o").glob("raw/synthetic_indicators_*"))
