"""The ETL: bundled raw sources -> DuckDB warehouse + Parquet (see README, data dictionary)."""
