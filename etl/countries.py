"""Places: ISO3 codes, names and UN regions from country_converter (coco), plus the publishers' own forms.

A publisher's code or name resolves, in this order, through
1. etl/country_forms.csv: the publishers' own forms, one documented row each: countries coco misses or
   misreads (`China, Taiwan Province of China`, `OWID_KOS`, GTD's `West Bank and Gaza Strip`, renamed
   states under today's code), sub-national units (`United Kingdom (England and Wales)`, `IRQ_KRI`), former
   states, and the aggregates publishers compute (`World`, `Africa (UN)`, `WLD`), mapped to a warehouse
   region where one matches and otherwise rejected as not mapped;
2. a current ISO3 code, or a code shaped like a sub-national one (`GBR_S`);
3. coco for names, with bare names several countries answer to refused and former states recognised.
"""
from __future__ import annotations

import csv
import functools
import logging
import re
from dataclasses import dataclass

import pandas as pd

from .errors import excerpt
from .paths import COUNTRY_FORMS_FILE

#: UNODC and others publish sub-national units with codes like GBR_E_W or IRQ_C.
SUBNATIONAL = re.compile(r"^[A-Z]{3}_[A-Z0-9_]+$")
#: A name whose bracketed qualifier names part of a country, e.g. "United Kingdom (Scotland)".
SUBNATIONAL_NAME = re.compile(r"\((?:[^)]*\b(?:england|wales|scotland|northern ireland|kurdistan|central iraq|"
                              r"region|province|state of [a-z]+)\b)[^)]*\)", re.I)
NOT_FOUND = "__not_found__"

#: Bare names that several countries answer to. coco picks one silently ("Congo" -> COG, "Korea" -> KOR), but
#: sources use them for either, so a row naming one is rejected (unless the sidecar's `country_names`
#: convention, such as the UN's, says which one it means). The full forms resolve.
AMBIGUOUS = {"congo": ("COD", "COG"), "korea": ("KOR", "PRK"), "virgin islands": ("VGB", "VIR")}

#: Former states (ISO 3166-3 codes) by pattern, for spellings the forms table does not list. Renamed states are
#: not former states: Burma, Zaire, Swaziland resolve to MMR, COD, SWZ.
FORMER = {
    "CSK": re.compile(r"czechoslovak", re.I),
    "YUG": re.compile(r"^(?!.*macedonia).*yugoslavia", re.I),    # not "the former Yugoslav Republic of Macedonia"
    "SCG": re.compile(r"serbia\s*(and|&)\s*montenegro", re.I),
    "DDR": re.compile(r"east\s*germany|german\s+democratic\s+republic|^gdr$", re.I),
}
KINDS = ("country", "aggregate", "subnational", "historical", "not_country")


@dataclass(frozen=True)
class Place:
    """What a publisher's code or name stands for."""

    iso3: str | None = None        # a country
    scheme: str | None = None      # a mapped aggregate: the warehouse region it is routed to
    region: str | None = None
    reason: str | None = None      # why it is neither (the reject reason)


@functools.lru_cache(maxsize=2)
def converter(include_obsolete: bool = False):
    """coco's converter, with its bundled table read so that pandas 3 keeps Namibia's 'NA' and empty cells.

    country_converter 1.3.2 reads empty ISO2 cells as NaN and then fails to compile them as regexes under
    pandas 3; we load the same bundled file ourselves with empty strings kept, and hand it to coco.
    """
    import country_converter as coco
    from country_converter.country_converter import COUNTRY_DATA_FILE

    data = pd.read_csv(COUNTRY_DATA_FILE, sep="\t", encoding="utf-8", dtype=str,
                       keep_default_na=False, na_values=[""])
    for col in ("ISO2", "regex"):
        data[col] = data[col].fillna("")
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter(country_data=data, include_obsolete=include_obsolete)


@functools.lru_cache(maxsize=1)
def reference() -> pd.DataFrame:
    """One row per current country or territory coco knows: iso3, name, un_region, un_subregion."""
    d = converter().data
    d = d[d["obsolete"].isna() & d["ISO3"].notna() & (d["continent"] != "Antarctica")]
    out = pd.DataFrame({
        "iso3": d["ISO3"].astype(str),
        "name": d["name_short"].astype(str),
        "un_region": d["continent"].replace({"America": "Americas"}).astype(str),
        "un_subregion": d["UNregion"].astype(str),
    })
    return out.drop_duplicates("iso3").sort_values("iso3").reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def known_iso3() -> frozenset[str]:
    return frozenset(reference()["iso3"])


def normal(text: str) -> str:
    """A name as compared: case-folded, one space, straight apostrophes."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").casefold().split())


@functools.lru_cache(maxsize=1)
def forms() -> dict[tuple[str, str, str], dict]:
    """(match, normalised form, scope) -> the row of etl/country_forms.csv."""
    with open(COUNTRY_FORMS_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for r in rows:
        assert r["kind"] in KINDS, r
        key = r["form"].upper() if r["match"] == "code" else normal(r["form"])
        out[(r["match"], key, r["scope"])] = r
    return out


def _place(row: dict, shown: str) -> Place:
    kind, note = row["kind"], row["note"]
    if kind == "country":
        return Place(iso3=row["iso3"])
    if kind == "aggregate" and row["scheme"]:
        return Place(scheme=row["scheme"], region=row["region"])
    if kind == "aggregate":
        return Place(reason=f"aggregate not mapped: '{shown}' ({note})")
    if kind == "subnational":
        return Place(reason=f"subnational unit '{shown}' (not a country)")
    if kind == "historical":
        code = f"{row['iso3']}, " if row["iso3"] else ""
        return Place(reason=f"historical country '{shown}' ({code}no longer exists)")
    return Place(reason=f"not a country: '{shown}' ({note})")


def _by_form(match: str, key: str, scope: str) -> dict | None:
    table = forms()
    return (table.get((match, key, scope)) if scope else None) or table.get((match, key, ""))


def _by_code(code: str, name: str, scope: str) -> Place:
    shown = excerpt(code, 40)
    code_u = code.strip().upper()
    row = _by_form("code", code_u, scope)
    if row:   # (a former state or an aggregate is shown by its name; a sub-national code as written)
        return _place(row, shown if row["kind"] == "subnational" or not name.strip() else excerpt(name, 60))
    if code_u in known_iso3():
        return Place(iso3=code_u)
    if SUBNATIONAL.match(code_u):
        return Place(reason=f"subnational unit '{shown}' (not a country)")
    if code_u.startswith("OWID_"):
        return Place(reason=f"aggregate not mapped: '{shown}' (an OWID code that is no country)")
    return Place(reason=f"unknown country code '{shown}'")


def _historical(name: str) -> str | None:
    """The ISO3 of a former state (USSR, Yugoslavia, ...) that coco lists as obsolete, else None."""
    cc = converter(include_obsolete=True)
    hit = cc.convert(name, to="ISO3", not_found=NOT_FOUND)
    if isinstance(hit, str) and hit != NOT_FOUND:
        row = cc.data[cc.data["ISO3"] == hit]
        if len(row) and row["obsolete"].notna().any():
            return hit
    return None


def _by_name(name: str, scope: str) -> Place:
    clean = name.strip()
    shown = excerpt(clean, 60)
    if not clean:
        return Place(reason="missing country")
    row = _by_form("name", normal(clean), scope)
    if row:
        return _place(row, shown)
    if SUBNATIONAL_NAME.search(clean):
        return Place(reason=f"subnational unit '{shown}' (not a country)")
    bare = re.sub(r"^the\s+", "", clean.casefold()).strip(" .")
    if bare in AMBIGUOUS:
        return Place(reason=f"ambiguous country name '{shown}' ({', '.join(AMBIGUOUS[bare])})")
    former = next((code for code, rx in FORMER.items() if rx.search(clean)), None)
    if former:
        return Place(reason=f"historical country '{shown}' ({former}, no longer exists)")
    hits = converter().convert(clean, to="ISO3", not_found=NOT_FOUND, enforce_list=True)
    hits = [h for h in (hits[0] if hits and isinstance(hits[0], list) else hits) if h != NOT_FOUND]
    if len(set(hits)) > 1:
        return Place(reason=f"ambiguous country name '{shown}' ({', '.join(sorted(set(hits)))})")
    if hits and hits[0] in known_iso3():
        return Place(iso3=hits[0])
    old = _historical(clean)
    return Place(reason=f"historical country '{shown}' ({old}, no longer exists)" if old
                 else f"unknown country name '{shown}'")


def resolve(code: str | None, name: str | None, scope: str = "") -> Place:
    """What a (code, name) pair from a file stands for; the code wins when there is one."""
    if code and code.strip():
        return _by_code(code, name or "", scope)
    return _by_name(name or "", scope)
