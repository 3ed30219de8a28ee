"""python -m etl.docs: write docs/data-dictionary.md from etl/schema.toml (the warehouse contract)."""
from __future__ import annotations

import csv
import sys

from .paths import COUNTRY_FORMS_FILE, REPO
from .warehouse import schema

DOC = REPO / "docs" / "data-dictionary.md"


def render() -> str:
    out = ["# Data dictionary", "",
           "The warehouse (`data/warehouse.duckdb`, one Parquet file per table in `data/parquet/`) is a public",
           "interface. This page is generated from `etl/schema.toml` by `python -m etl.docs`; the ETL creates the",
           "tables from the same file and runs its data tests (unique keys, not null, accepted values,",
           "relationships, ranges) before publishing.", ""]
    for name, spec in schema().items():
        out += [f"## `{name}`", "", spec["description"], "", f"Key: `{', '.join(spec['key'])}`", "",
                "| column | type | meaning | tests |", "|---|---|---|---|"]
        for col, d in spec["columns"].items():
            tests = []
            if d.get("not_null"):
                tests.append("not null")
            if "accepted" in d:
                tests.append("one of " + ", ".join(d["accepted"]))
            if "references" in d:
                tests.append(f"→ {d['references']}")
            if "min" in d or "max" in d:
                tests.append(f"range {d.get('min', '')}…{d.get('max', '')}")
            out.append(f"| `{col}` | {d['type']} | {d['description']} | {'; '.join(tests)} |")
        out.append("")
    return "\n".join(out + forms_section())


def forms_section() -> list[str]:
    """The publishers' aggregates the ETL routes, and those it rejects, from etl/country_forms.csv."""
    with open(COUNTRY_FORMS_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kinds = {k: sum(1 for r in rows if r["kind"] == k) for k in ("country", "subnational", "historical")}
    out = ["## Publishers' own names and codes", "",
           "`etl/country_forms.csv` lists the publishers' own forms, one row each with a note: "
           f"{kinds['country']} country spellings and renamed states (loaded under today's code), "
           f"{kinds['subnational']} sub-national units and {kinds['historical']} former states (rejected), and "
           "the aggregates publishers compute. Other names go through country_converter. Publisher aggregates "
           "that match a warehouse region are routed to `publisher_estimates`:", "",
           "| publisher's form | matched by | routed to |", "|---|---|---|"]
    for r in rows:
        if r["kind"] == "aggregate" and r["scheme"]:
            out.append(f"| `{r['form']}` | {r['match']} | {r['scheme']} / {r['region']} |")
    out += ["", "Aggregates with no matching region are rejected with the reason `aggregate not mapped`:", "",
            "| publisher's form | matched by | why not mapped |", "|---|---|---|"]
    for r in rows:
        if r["kind"] == "aggregate" and not r["scheme"]:
            out.append(f"| `{r['form']}` | {r['match']} | {r['note']} |")
    return out + [""]


def main() -> int:
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
