"""UNODC Individual Drug Seizures (IDS): one row per reported seizure, `;`-separated (usually in a .zip).

Columns REGION ... ROUTING. Each record is checked (country, seizure date, drug, amount, unit), duplicates
(the same country, date, drug, amount and unit) are rejected but for the most complete record, and the kept
records go to `drug_seizure_records` (drill-down). The ETL aggregates them to `drug_seizures` (country,
year, drug: records and kilograms) and to two indicators per country and year: `ids_seizure_records` and
`ids_seizure_quantity_kg` (records reported in kilograms or grams; other units count as records only).
"""
from __future__ import annotations

from ..sql import ident
from ..sql import staging as staging_sql
from .layout import check_columns

NAME = "UNODC IDS seizure records"
COLUMNS = ("REGION", "SUBREGION", "COUNTRY", "ADMINISTRATIVE_DIVISION", "PLACE", "SEIZURE_DATE", "DRUG_NAME",
           "AMOUNT", "DRUG_UNIT", "HIDING_PLACE", "INSTALLATION", "TRANSPORT", "PRODUCING_COUNTRY",
           "DEPARTURE_COUNTRY", "DESTINATION_COUNTRY", "ROUTING")
DETAIL = ("ADMINISTRATIVE_DIVISION", "PLACE", "HIDING_PLACE", "INSTALLATION", "TRANSPORT", "PRODUCING_COUNTRY",
          "DEPARTURE_COUNTRY", "DESTINATION_COUNTRY", "ROUTING")
EXPECT = ("COUNTRY", "SEIZURE_DATE", "DRUG_NAME", "AMOUNT")
RECORDS = ("ids_seizure_records", "Drug seizure records reported to UNODC IDS", "seizure records (count)", "count")
KILOGRAMS = ("ids_seizure_quantity_kg", "Drug seizures reported to UNODC IDS (kg, all drugs)",
             "kilograms (records reported in kg or g only)", "quantity_kg")
RECORD_COLUMNS = ("line, iso3, seizure_date, year(seizure_date)::INTEGER AS year, drug, amount, unit, quantity_kg, "
                  "region, subregion, administrative_division, place, hiding_place, installation, transport, "
                  "producing_country, departure_country, destination_country, routing")


def check(columns: list[str], file: str) -> None:
    check_columns(NAME, columns, COLUMNS, file)


def stage(con, k: int, max_year: int) -> None:
    """ids_chk_k: every record with its reason (NULL: kept) and its quantity in kg (needs geo_k)."""
    filled = " + ".join(f"(coalesce(trim(r.{ident(c)}), '') <> '')::INTEGER" for c in DETAIL)
    con.execute(staging_sql("ids").format(k=k, max_year=max_year, filled=filled))


def insert(con, k: int, source_id: str) -> None:
    """The kept records, their country-year-drug aggregates and the two indicators, into the build."""
    con.execute(f"""INSERT INTO wh.drug_seizure_records BY NAME
        SELECT ? AS source_id, {RECORD_COLUMNS} FROM ids_chk_{k} WHERE reason IS NULL""", [source_id])
    con.execute(f"""INSERT INTO wh.drug_seizures BY NAME
        SELECT iso3, year(seizure_date)::INTEGER AS year, drug, ? AS source_id, count(*)::INTEGER AS records,
               count(quantity_kg)::INTEGER AS records_in_kg,
               sum(quantity_kg::DECIMAL(38, 6))::DOUBLE AS quantity_kg
        FROM ids_chk_{k} WHERE reason IS NULL GROUP BY ALL""", [source_id])
    con.execute(f"""INSERT INTO staged_values BY NAME
        SELECT ? AS indicator_id, iso3, year(seizure_date)::INTEGER AS year, 'Total' AS sex, 'Total' AS age,
               count(*)::DOUBLE AS value, ? AS source_id
        FROM ids_chk_{k} WHERE reason IS NULL GROUP BY ALL
        UNION ALL
        SELECT ?, iso3, year(seizure_date)::INTEGER, 'Total', 'Total', sum(quantity_kg::DECIMAL(38, 6))::DOUBLE, ?
        FROM ids_chk_{k} WHERE reason IS NULL AND quantity_kg IS NOT NULL GROUP BY ALL""",
                [RECORDS[0], source_id, KILOGRAMS[0], source_id])
