"""Countries: ISO3 codes, names and UN regions from country_converter (coco), not a hand-written table."""
from __future__ import annotations

import functools
import logging
import re

import pandas as pd

#: UNODC and others publish sub-national units with codes like GBR_E_W or IRQ_C.
SUBNATIONAL = re.compile(r"^[A-Z]{3}_[A-Z0-9_]+$")
NOT_FOUND = "__not_found__"

#: Bare names that several countries answer to. coco picks one silently ("Congo" -> COG, "Korea" -> KOR), but
#: sources use them for either, so a row naming one is rejected; the full forms resolve ("Republic of the
#: Congo", "Congo, Dem. Rep.", "Korea, Rep.", "North Korea", "British Virgin Islands"). Names that are one
#: country's own short name are not ambiguous: "Guinea" (not Guinea-Bissau, Equatorial Guinea or Papua New
#: Guinea, which always carry their qualifier), "Samoa", "Sudan", "Niger", "Dominica".
AMBIGUOUS = {"congo": ("COD", "COG"), "korea": ("KOR", "PRK"), "virgin islands": ("VGB", "VIR")}

#: Former states (ISO 3166-3 codes) that coco does not know, or reads as a successor (coco maps
#: "Czechoslovakia" to CZE). Their figures are not any successor's, so they are rejected as historical, like
#: the former states coco itself lists as obsolete (USSR, Netherlands Antilles). Renamed states are not
#: former states: Burma, Zaire, Swaziland resolve to MMR, COD, SWZ.
FORMER = {
    "CSK": re.compile(r"czechoslovak", re.I),
    "YUG": re.compile(r"^(?!.*macedonia).*yugoslavia", re.I),    # not "the former Yugoslav Republic of Macedonia"
    "SCG": re.compile(r"serbia\s*(and|&)\s*montenegro", re.I),
    "DDR": re.compile(r"east\s*germany|german\s+democratic\s+republic|^gdr$", re.I),
}


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


def _historical(name: str) -> str | None:
    """The ISO3 of a former state (USSR, Yugoslavia, ...) that coco lists as obsolete, else None."""
    cc = converter(include_obsolete=True)
    hit = cc.convert(name, to="ISO3", not_found=NOT_FOUND)
    if isinstance(hit, str) and hit != NOT_FOUND:
        row = cc.data[cc.data["ISO3"] == hit]
        if len(row) and row["obsolete"].notna().any():
            return hit
    return None


def names_to_iso3(names: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Map each distinct name to (iso3, None) or (None, reason)."""
    cc = converter()
    known = set(reference()["iso3"])
    out: dict[str, tuple[str | None, str | None]] = {}
    for name in names:
        clean = (name or "").strip()
        if not clean:
            out[name] = (None, "missing country")
            continue
        bare = re.sub(r"^the\s+", "", clean.casefold()).strip(" .")
        if bare in AMBIGUOUS:
            out[name] = (None, f"ambiguous country name '{clean}' ({', '.join(AMBIGUOUS[bare])})")
            continue
        former = next((code for code, rx in FORMER.items() if rx.search(clean)), None)
        if former:
            out[name] = (None, f"historical country '{clean}' ({former}, no longer exists)")
            continue
        hits = cc.convert(clean, to="ISO3", not_found=NOT_FOUND, enforce_list=True)
        hits = [h for h in (hits[0] if hits and isinstance(hits[0], list) else hits) if h != NOT_FOUND]
        if len(set(hits)) > 1:
            out[name] = (None, f"ambiguous country name '{clean}' ({', '.join(sorted(set(hits)))})")
        elif not hits or hits[0] not in known:
            old = _historical(clean)
            out[name] = (None, f"historical country '{clean}' ({old}, no longer exists)" if old
                         else f"unknown country name '{clean}'")
        else:
            out[name] = (hits[0], None)
    return out
