"""Indicator layouts: the tidy long CSV, the dataUNODC export and the OWID grapher CSV.

Each layout maps its own columns onto one standard long shape (the `LONG` columns below) as a SQL
SELECT over the raw text table. Nothing is cast or checked here: staging does that, row by row.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import EtlError
from ..sidecar import Sidecar

#: The standard long shape every indicator layout produces (all text, plus the line number).
LONG = ("line", "iso3_raw", "country_raw", "year_raw", "indicator_raw", "name_raw", "unit_raw",
        "sex_raw", "age_raw", "value_raw", "key_extra")


def q(col: str) -> str:
    """Quote an identifier taken from a file header."""
    return '"' + col.replace('"', '""') + '"'


def slug(expr: str) -> str:
    return f"trim(regexp_replace(lower({expr}), '[^a-z0-9]+', '_', 'g'), '_')"


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Layout:
    name: str
    required: tuple[str, ...]
    always_suffix_unit: bool = False

    def check(self, columns: list[str], file: str, extra: tuple[str, ...] = ()) -> None:
        missing = [c for c in self.required + extra if c not in columns]
        if missing:
            hint = f"the {self.name} layout needs columns: {', '.join(self.required + extra)}"
            if len(columns) == 1 and any(d in columns[0] for d in ";\t|"):
                hint += "; the header looks delimited by another character: set `delimiter` in the sidecar"
            if file.lower().endswith(".xlsx"):
                hint += "; if the header is not the sheet's first full row, set `header_row` in the sidecar"
            raise EtlError(f"missing required column(s): {', '.join(missing)} (found: {', '.join(columns)})",
                           file=file, line=1, hint=hint)
        twice = [c for c in self.required + extra if f"{c}__1" in columns]   # readers rename repeats c__1, ...
        if twice:
            raise EtlError(f"column(s) named more than once in the header: {', '.join(twice)}", file=file, line=1,
                           hint="rename or remove the repeated columns: the ETL cannot tell which one to read")


def _opt_col(columns, name, default="NULL"):
    return q(name) if name in columns else default


def tidy_select(table: str, columns: list[str], side: Sidecar) -> str:
    geo = ("iso3",) if "iso3" in columns else ("country",)
    from_cols = tuple(side.opt("indicator_from", []))
    sum_over = tuple(side.opt("sum_over", []))
    base_required = ("year", "value", "unit") + (() if side.opt("indicator_prefix") and from_cols else ("indicator_id",))
    Layout("tidy", base_required).check(columns, side.path.name, geo + from_cols + sum_over)
    prefix = side.opt("indicator_prefix")
    if from_cols:
        parts = [lit(prefix or "")] + [
            f"CASE WHEN trim({q(c)}) IN ('', 'Total') THEN NULL ELSE {slug(q(c))} END" for c in from_cols]
        ind = f"concat_ws('_', {', '.join(parts)})"
        if not prefix:
            ind = f"concat_ws('_', {q('indicator_id')}, {', '.join(parts[1:])})"
    else:
        ind = q("indicator_id") if not prefix else f"{lit(prefix + '_')} || {q('indicator_id')}"
    if "indicator" in columns and "category" in columns:
        name = (f"CASE WHEN {q('category')} IN ('', 'Total') OR {q('category')} = {q('indicator')} "
                f"THEN {q('indicator')} ELSE {q('indicator')} || ': ' || {q('category')} END")
    else:
        name = _opt_col(columns, "indicator")
    key_extra = f"concat_ws('|', {', '.join(q(c) for c in sum_over)})" if sum_over else "''"
    return f"""SELECT "__line" AS line, {_opt_col(columns, 'iso3')} AS iso3_raw,
        {_opt_col(columns, 'country')} AS country_raw, {q('year')} AS year_raw, {ind} AS indicator_raw,
        {name} AS name_raw, {q('unit')} AS unit_raw, {_opt_col(columns, 'sex', "'Total'")} AS sex_raw,
        {_opt_col(columns, 'age', "'Total'")} AS age_raw, {q('value')} AS value_raw, {key_extra} AS key_extra
        FROM "{table}" """


DATAUNODC = Layout("dataUNODC export", ("Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension",
                                        "Category", "Sex", "Age", "Year", "Unit of measurement", "VALUE", "Source"),
                   always_suffix_unit=True)


def dataunodc_select(table: str, columns: list[str], side: Sidecar) -> str:
    DATAUNODC.check(columns, side.path.name)
    by_ind, by_both = slug(q("Indicator")), slug(q("Indicator") + " || ' ' || " + q("Category"))
    ind = f"CASE WHEN \"Category\" IN ('', 'Total') THEN {by_ind} ELSE {by_both} END"
    name = ("CASE WHEN \"Category\" IN ('', 'Total') THEN \"Indicator\" "
            "ELSE \"Indicator\" || ': ' || \"Category\" END")
    return f"""SELECT "__line" AS line, "Iso3_code" AS iso3_raw, "Country" AS country_raw, "Year" AS year_raw,
        {ind} AS indicator_raw, {name} AS name_raw, "Unit of measurement" AS unit_raw, "Sex" AS sex_raw,
        "Age" AS age_raw, "VALUE" AS value_raw, "Dimension" AS key_extra FROM "{table}" """


OWID = Layout("OWID grapher CSV", ("Entity", "Code", "Year"))


def owid_select(table: str, columns: list[str], side: Sidecar) -> str:
    OWID.check(columns, side.path.name)
    ignore = set(side.opt("ignore_columns", [])) | {"Entity", "Code", "Year"}
    values = [c for c in columns if c not in ignore and "region" not in c.lower()]
    if not values:
        raise EtlError("no value column besides Entity, Code, Year", file=side.path.name, line=1,
                       hint="an OWID grapher CSV has one column per indicator after Year")
    ids = side.opt("indicator_ids", {})
    units = side.opt("units", {})
    parts = []
    for col in values:
        ind = lit(ids[col]) if col in ids else slug(lit(col))
        parts.append(f"""SELECT "__line" AS line, "Code" AS iso3_raw, "Entity" AS country_raw, "Year" AS year_raw,
            {ind} AS indicator_raw, {lit(col)} AS name_raw, {lit(units.get(col, col))} AS unit_raw,
            'Total' AS sex_raw, 'Total' AS age_raw, {q(col)} AS value_raw, '' AS key_extra FROM "{table}" """)
    return " UNION ALL ".join(parts)


SELECTS = {"tidy": tidy_select, "dataunodc": dataunodc_select, "owid": owid_select}
ALWAYS_SUFFIX = {"dataunodc": True}
