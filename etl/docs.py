"""python -m etl.docs: write docs/data-dictionary.md from etl/schema.toml (the warehouse contract)."""
from __future__ import annotations

import sys

from .paths import REPO
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
    return "\n".join(out)


def main() -> int:
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
