"""Data: every source with its provenance and row counts, the ETL runs and their rejects, the data dictionary,
the editorial indicator→goal mapping, and every warehouse table for download as CSV or Parquet.

URL parameters: table (warehouse table offered for download; default sources).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import dictionary, frame, registry, settings, theme, ui
from dashboard.i18n import _, n_
from dashboard.panels import caveats
from dashboard.text import md_escape

view = frame.view()
q, lang = view.q, view.lang


def num(value) -> str:
    return "–" if value is None or pd.isna(value) else theme.fmt_number(int(value), "count", lang)


REDISTRIBUTION = {"allowed": _("allowed"), "restricted": _("restricted"), "unknown": _("not stated")}


def when(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M:%S} UTC"


st.title(_("Data: sources, runs and dictionary"))
st.markdown(_("Where every number comes from: the sources with their licences and row counts, the pipeline runs "
              "that built this warehouse, the rows that were rejected and why, what every table and column means, "
              "and each table for download."))

# -- sources ----------------------------------------------------------------------------------------------
sources = q.sources()
st.subheader(_("Sources ({n})").format(n=len(sources)))
if sources.empty:
    ui.empty_state(_("No sources loaded."), _("Rebuild the warehouse with `make etl`."))
else:
    synthetic = sources[sources["synthetic"].astype(bool)]
    if len(synthetic):
        st.warning(n_("{n} source is SYNTHETIC benchmark data, not real: {ids}.",
                      "{n} sources are SYNTHETIC benchmark data, not real: {ids}.", len(synthetic)).format(
            n=len(synthetic), ids=", ".join(synthetic["source_id"])), icon="⚠️")
    is_web = sources["url"].fillna("").str.match(r"https?://")
    balanced = sources["rows_read"] == sources["rows_loaded"] + sources["rows_rejected"]
    ui.table(pd.DataFrame({
        _("Source"): sources["source_id"],
        _("Data"): [_("SYNTHETIC (not real)") if s else _("real") for s in sources["synthetic"].astype(bool)],
        _("Redistribution"): [REDISTRIBUTION.get(v, str(v)) for v in sources["redistribution"]],
        _("Title"): sources["title"],
        _("Publisher"): sources["publisher"],
        _("Licence"): sources["license"],
        _("What the licence allows"): sources["redistribution_note"],
        _("URL"): sources["url"].where(is_web, None),
        _("Rows read"): sources["rows_read"],
        _("Rows loaded"): sources["rows_loaded"],
        _("Rows rejected"): sources["rows_rejected"],
        _("Read = loaded + rejected"): balanced,
        _("Retrieved"): sources["retrieved"],
        _("File"): sources["file"],
        _("Format"): sources["format"],
        _("Encoding"): sources["encoding"],
        _("Preferred"): sources["preferred"].astype(bool),
        _("Notes"): sources["notes"],
    }), lang=lang,
        column_config={
            _("URL"): st.column_config.LinkColumn(width="medium"),
            _("Title"): st.column_config.TextColumn(width="medium"),
            _("Redistribution"): st.column_config.TextColumn(
                help=_("Whether the licence lets a deployment publish the file. A public build (ETL_PUBLIC_ONLY=1) "
                       "loads only the sources marked allowed.")),
            _("What the licence allows"): st.column_config.TextColumn(width="medium"),
            _("Rows read"): st.column_config.NumberColumn(format="localized"),
            _("Rows loaded"): st.column_config.NumberColumn(format="localized"),
            _("Rows rejected"): st.column_config.NumberColumn(format="localized"),
            _("Read = loaded + rejected"): st.column_config.CheckboxColumn(
                help=_("Every row read is either loaded or recorded in rejects with its reason.")),
            _("Preferred"): st.column_config.CheckboxColumn(
                help=_("Preferred source for the concepts it shares with another source.")),
            _("Notes"): st.column_config.TextColumn(width="large"),
        })
    st.caption(_("Totals: {read} rows read, {loaded} loaded, {rejected} rejected over {n} sources. Reference "
                 "tables (organizations, memberships, goals, operations, meetings) are the project's compilations "
                 "from the cited public pages.").format(
        read=num(sources["rows_read"].sum()), loaded=num(sources["rows_loaded"].sum()),
        rejected=num(sources["rows_rejected"].sum()), n=len(sources)))
    if not is_web.all():
        local = sources[~is_web]
        st.caption(_("Without a web address (the project's own files): {items}.").format(
            items=md_escape("; ".join(f"{i}: {u}" for i, u in zip(local["source_id"], local["url"])))))
    with st.expander(_("Notes and caveats by source")):
        for s in sources.itertuples():
            label = f"**{md_escape(s.source_id)}** — {md_escape(s.title)}"
            if s.synthetic:
                label += " — " + md_escape(_("SYNTHETIC, not real data"))
            st.markdown(label)
            st.text(s.notes if isinstance(s.notes, str) and s.notes else _("No notes."))

# -- caveats ---------------------------------------------------------------------------------------------------
st.subheader(_("Caveats"))
caveat_rows = q.caveats()
if caveat_rows.empty:
    st.caption(_("No caveats are recorded."))
else:
    listed = caveats.caveats_from(caveat_rows, view.lang)
    detected = caveat_rows["detected"].fillna(False).astype(bool)
    st.caption(_("Every caveat in the warehouse: what the sources say about their own figures ({said}) and the "
                 "outliers the ETL detected and kept, never removed ({found}). Each shows as a badge on every "
                 "tile, chart and table it touches.").format(said=int((~detected).sum()), found=int(detected.sum())))
    ui.table(pd.DataFrame({
        _("Kind"): [c.label for c in listed], _("Years"): [c.years for c in listed],
        _("Indicator"): caveat_rows["indicator_id"], _("Source"): caveat_rows["source_id"],
        _("Country"): caveat_rows["country"], _("What it means"): [c.text for c in listed],
        _("Where it is stated"): [c.citation for c in listed], _("Detected by the ETL"): detected}),
        lang=view.lang, key="caveats_table", column_config={
            _("What it means"): st.column_config.TextColumn(width="large")})
    ui.download_csv(caveat_rows.drop(columns=["country"]), "caveats.csv", key="caveats_csv")

# -- editions side by side -------------------------------------------------------------------------------
editions = q.indicator_editions()
st.subheader(_("Editions side by side"))
if editions.empty:
    st.caption(_("No indicator is given by more than one source: there are no editions to compare."))
else:
    st.caption(_("Indicators given by more than one source (a newer edition beside an older one). The preferred "
                 "source is shown everywhere else; here the two can be compared value by value."))
    names = dict(zip(editions["indicator_id"], editions["indicator"]))
    left, first_col, second_col = st.columns([2, 1, 1])
    indicator_id = left.selectbox(_("Indicator"), list(names), format_func=lambda i: f"{names[i]} ({i})",
                                  key="edition_indicator")
    mine = editions[editions["indicator_id"] == indicator_id]
    ids = list(mine["source_id"])
    first = first_col.selectbox(_("First source"), ids, index=min(1, len(ids) - 1), key="edition_first")
    second = second_col.selectbox(_("Second source"), ids, index=0, key="edition_second")
    st.dataframe(pd.DataFrame({
        _("Source"): mine["source_id"], _("Title"): mine["title"], _("Preferred"): mine["preferred"].astype(bool),
        _("Retrieved"): mine["retrieved"], _("Country values"): mine["values_count"],
        _("Countries"): mine["countries_with_data"], _("First year"): mine["first_year"],
        _("Last year"): mine["last_year"]}), hide_index=True, width="stretch",
        column_config={_("First year"): st.column_config.NumberColumn(format="%d"),
                       _("Last year"): st.column_config.NumberColumn(format="%d")})
    if first == second:
        st.info(_("Choose two different sources to compare."))
    else:
        pairs = q.edition_values(indicator_id, first, second)
        both = pairs.dropna(subset=["value_first", "value_second"])
        revised = both[both["difference"].abs() > 1e-9]
        st.caption(_("{both} country values given by both sources, {revised} of them different; {only_first} only "
                     "in {first}, {only_second} only in {second}.").format(
            both=num(len(both)), revised=num(len(revised)), first=first, second=second,
            only_first=num(int(pairs["value_second"].isna().sum())),
            only_second=num(int(pairs["value_first"].isna().sum()))))
        if both.empty and len(pairs):
            st.caption(_("The two sources share no country-year: they cover different years, so nothing here is a "
                         "revision. Compare their levels in Trends, never as a change between them."))
        table = pd.DataFrame({
            _("Country"): pairs["country"].fillna(pairs["iso3"]), "ISO3": pairs["iso3"], _("Year"): pairs["year"],
            _("Sex"): pairs["sex"], _("Age"): pairs["age"], first: pairs["value_first"],
            second: pairs["value_second"], _("Second − first"): pairs["difference"]})
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={_("Year"): st.column_config.NumberColumn(format="%d")})
        st.download_button(_("Download the comparison (CSV)"), table.to_csv(index=False).encode("utf-8"),
                           file_name=f"editions_{indicator_id}_{first}_{second}.csv", mime="text/csv",
                           key="edition_download")

# -- ETL runs ---------------------------------------------------------------------------------------------
runs = q.etl_runs()
built = q.built_run_id()
st.subheader(_("Last ETL run"))
if runs.empty:
    ui.empty_state(_("No ETL run recorded."))
else:
    last = runs.iloc[0]
    ok = last["status"] == "success"
    cols = st.columns(6)
    cols[0].metric(_("Status"), _(str(last["status"])))
    cols[1].metric(_("Started (UTC)"), when(last["started_at"])[:10])
    cols[2].metric(_("Duration"), _("{s} s").format(s=theme.fmt_number(last["seconds"], decimals=1, locale=lang)))
    cols[3].metric(_("Rows read"), num(last["rows_read"]))
    cols[4].metric(_("Rows loaded"), num(last["rows_loaded"]))
    cols[5].metric(_("Rows rejected"), num(last["rows_rejected"]))
    st.caption(_("Run {run}: started {start}, finished {end}.").format(
        run=last["run_id"], start=when(last["started_at"]), end=when(last["finished_at"])))
    if not ok:
        st.warning(_("The last run failed; the warehouse shown was built by run {run}.").format(run=built or "–"),
                   icon="⚠️")
        if isinstance(last["message"], str):
            st.text(last["message"])
    with st.expander(n_("Run history ({n} run)", "Run history ({n} runs)", len(runs)).format(n=len(runs))):
        ui.table(runs[["run_id", "status", "started_at", "finished_at", "seconds", "rows_read", "rows_loaded",
                           "rows_rejected", "message"]].rename(columns={
            "run_id": _("Run"), "status": _("Status"), "started_at": _("Started (UTC)"),
            "finished_at": _("Finished (UTC)"), "seconds": _("Seconds"), "rows_read": _("Rows read"),
            "rows_loaded": _("Rows loaded"), "rows_rejected": _("Rows rejected"), "message": _("Message")}),
            lang=lang,
            column_config={_("Seconds"): st.column_config.NumberColumn(format="%.1f")})

# -- rejects ----------------------------------------------------------------------------------------------
st.subheader(_("Rejected rows"))
rejects = q.rejects_summary(built) if built else pd.DataFrame()
if rejects.empty:
    ui.empty_state(_("No rows were rejected by the run that built this warehouse."))
else:
    k = rejects["source_id"].nunique()
    st.markdown(md_escape(n_("Run {run} rejected {n} records from {k} source; each one is kept with its file, line "
                             "and reason.", "Run {run} rejected {n} records from {k} sources; each one is kept with "
                             "its file, line and reason.", k).format(run=built, n=num(rejects["records"].sum()), k=k)))
    ui.table(rejects.rename(columns={
        "source_id": _("Source"), "file": _("File"), "reason": _("Reason"), "records": _("Records"),
        "lines": _("Lines"), "first_line": _("First line"), "last_line": _("Last line")}),
        lang=lang,
        column_config={_("Records"): st.column_config.NumberColumn(format="localized"),
                       _("Lines"): st.column_config.NumberColumn(format="localized")})
    st.download_button(_("Download all rejects (CSV)"), lambda: q.table_csv("rejects"), file_name="rejects.csv",
                       mime="text/csv", key="dl_rejects", on_click="ignore", icon=":material/download:")

# -- downloads --------------------------------------------------------------------------------------------
st.subheader(_("Download a table"))
table_docs = dictionary.tables()
descriptions = dict(zip(table_docs["table"], table_docs["description"]))
st.columns([1, 2])[0].selectbox(_("Table"), list(registry.TABLES), key="table")
name = view.filters.table
if name:
    st.text(descriptions.get(name, ""))
    cols = st.columns([1, 1, 3])
    cols[0].download_button(_("{table} as CSV").format(table=name), lambda: q.table_csv(name),
                            file_name=f"{name}.csv", mime="text/csv", key="dl_csv", on_click="ignore",
                            icon=":material/download:")
    parquet = settings.data_dir() / "parquet" / f"{name}.parquet"
    if parquet.is_file():
        cols[1].download_button(_("{table} as Parquet").format(table=name), parquet.read_bytes,
                                file_name=f"{name}.parquet", mime="application/vnd.apache.parquet",
                                key="dl_parquet", on_click="ignore", icon=":material/download:")
    else:
        cols[1].info(_("No Parquet file for {table} in this build.").format(table=name), icon="ℹ️")
    st.caption(_("The whole table as published by the last successful ETL run (as of {date}); the CSV is "
                 "generated when you click. Analysts can also query data/warehouse.duckdb directly.").format(
        date=q.as_of()))

# -- data dictionary --------------------------------------------------------------------------------------
st.subheader(_("Data dictionary ({n} tables)").format(n=len(table_docs)))
st.markdown(_("Generated from the warehouse contract `etl/schema.toml`: every table, its key and its columns "
              "with type, meaning and data tests."))
if table_docs.empty:
    ui.empty_state(_("The schema file lists no tables."))
else:
    ui.table(table_docs.rename(columns={"table": _("Table"), "description": _("Description"), "key": _("Key"),
                                            "columns": _("Columns")}),
                 lang=lang, height="content",
                 column_config={_("Description"): st.column_config.TextColumn(width="large")})
    for t in table_docs.itertuples():
        with st.expander(_("{table} — key: {key}").format(table=md_escape(t.table), key=md_escape(t.key))):
            st.text(t.description)
            ui.table(dictionary.columns(t.table).rename(columns={
                "column": _("Column"), "type": _("Type"), "description": _("Description"), "key": _("Key"),
                "tests": _("Tests")}), lang=lang,
                column_config={_("Description"): st.column_config.TextColumn(width="large")})

# -- translated titles ------------------------------------------------------------------------------------
st.subheader(_("Titles in French, Spanish and Arabic: official wording and the project's translations"))
st.markdown(_("Goal titles and the Dialogue bodies' full names are shown in INTERPOL's or the body's own official "
              "wording where a published version was found (official, with the page it is quoted from); "
              "otherwise in this project's translation. Country and region names come from the Unicode CLDR "
              "(Babel); the rest of the interface from the app's message catalogues."))
wording = q.translations()
if wording.empty:
    ui.empty_state(_("No translations loaded."), _("Rebuild the warehouse with `make etl`."))
else:
    ui.table(pd.DataFrame({
        _("Kind"): [_(k) for k in wording["kind"]],
        _("Identifier"): wording["id"],
        _("Field"): wording["field"],
        _("Language"): wording["lang"],
        _("Text"): wording["text"],
        _("Official wording"): wording["official"].astype(bool),
        _("Quoted from"): wording["source_url"],
    }), lang=lang, key="data_translations",
        column_config={_("Text"): st.column_config.TextColumn(width="large"),
                       _("Quoted from"): st.column_config.LinkColumn(width="medium")})
    n_official = int(wording["official"].astype(bool).sum())
    st.caption(_("{k} of {n} texts are official wording; the other {m} are the project's translations.").format(
        k=n_official, n=len(wording), m=len(wording) - n_official))
    ui.caption(view, ["translations"])

# -- editorial mapping ------------------------------------------------------------------------------------
st.subheader(_("Indicator → goal mapping (the project's editorial classification)"))
st.markdown(_("Which Global Policing Goal each indicator serves is the project's own classification, not "
              "INTERPOL's: each row carries a one-line rationale (data/raw/indicator_goals.csv)."))
ind = q.indicators()
if ind.empty:
    ui.empty_state(_("No indicators loaded."))
else:
    goal_names = q.goals(lang).set_index("goal_id")["short_name"].to_dict()
    ui.table(pd.DataFrame({
        _("Indicator"): ind["indicator_id"],
        _("Name"): [_(n) for n in ind["name"]],
        _("Goal"): ind["goal_id"],
        _("Goal name"): [goal_names.get(g, "–") if isinstance(g, str) else "–" for g in ind["goal_id"]],
        _("Rationale (editorial)"): [_(r) for r in ind["goal_rationale"]],
    }), lang=lang,
        column_config={_("Rationale (editorial)"): st.column_config.TextColumn(width="large")})
    ui.caption(view, ["indicator_goals", "global_policing_goals"],
               note=_("Editorial classification by the project; indicators without a goal are context series "
                      "such as population."))
