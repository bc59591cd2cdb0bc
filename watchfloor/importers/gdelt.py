"""Import GDELT 2.0 event export files (61 tab-separated columns, no header, plain or .zip).

The file is streamed through DuckDB's CSV reader with every column as VARCHAR; rows with
the wrong column count are captured with their line numbers, rows whose id or date does not
parse are reported the same way, and the rest are cast and mapped in SQL:
CAMEO code -> PLOVER event/mode and Goldstein (``watchfloor/data/cameo.tsv``), FIPS geo
country codes and CAMEO actor country codes -> ISO3 (``importers/data``).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb

from watchfloor.errors import InputError
from watchfloor.importers.common import (
    ImportReport,
    StagingTables,
    load_staged,
    plain_file,
    sql_string,
)
from watchfloor.store.database import Store

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *itertools.chain.from_iterable(
        (f"{g}_{c}" for c in _GEO) for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
    ),
    "DATEADDED",
    "SOURCEURL",
)

_STAGE_SQL = """
CREATE TEMP TABLE {stage} AS
WITH raw AS (
  SELECT *, row_number() OVER () AS rn FROM read_csv({path}, delim='\t', header=false,
    quote='', escape='', columns={columns}, store_rejects=true,
    rejects_table={rejects}, rejects_scan={scans}, parallel=false, auto_detect=false)
),
typed AS (
  SELECT raw.*, TRY_CAST(GLOBALEVENTID AS BIGINT) AS gid,
    TRY_STRPTIME(SQLDATE, '%Y%m%d')::DATE AS event_date,
    string_split(ActionGeo_FullName, ', ') AS geo_parts
  FROM raw
)
SELECT t.rn, t.gid IS NOT NULL AND t.event_date IS NOT NULL AS ok,
  'gdelt:' || t.GLOBALEVENTID AS id, 'gdelt' AS dataset, t.GLOBALEVENTID AS dataset_event_id,
  NULL::VARCHAR AS evidence_text, t.event_date AS date,
  coalesce(c.plover_event, cb.plover_event, cr.plover_event) AS plover_event,
  coalesce(c.plover_mode, cb.plover_mode, cr.plover_mode) AS plover_mode,
  nullif(t.EventCode, '') AS cameo_code, nullif(t.EventRootCode, '') AS cameo_root,
  coalesce(TRY_CAST(t.GoldsteinScale AS DOUBLE), TRY_CAST(c.goldstein AS DOUBLE)) AS goldstein,
  TRY_CAST(t.QuadClass AS INTEGER) AS quad_class,
  NULL::VARCHAR AS acled_event_type, NULL::VARCHAR AS acled_sub_event_type,
  nullif(t.Actor1Name, '') AS source_text, a1.iso3 AS source_country,
  nullif(t.Actor1Type1Code, '') AS source_sector, nullif(t.Actor1Code, '') AS source_actor_id,
  nullif(t.Actor2Name, '') AS target_text, a2.iso3 AS target_country,
  nullif(t.Actor2Type1Code, '') AS target_sector, nullif(t.Actor2Code, '') AS target_actor_id,
  nullif(t.ActionGeo_FullName, '') AS place_name,
  CASE WHEN t.ActionGeo_Type IN ('2', '5') THEN t.geo_parts[1]
       WHEN t.ActionGeo_Type IN ('3', '4') AND len(t.geo_parts) >= 3 THEN t.geo_parts[-2]
  END AS place_admin1,
  g.iso3 AS place_country,
  TRY_CAST(t.ActionGeo_Lat AS DOUBLE) AS lat, TRY_CAST(t.ActionGeo_Long AS DOUBLE) AS lon,
  NULL::INTEGER AS fatalities, 1.0 AS confidence, false AS hedged, false AS negated,
  'asserted' AS modality,
  'GDELT 2.0 event ' || t.GLOBALEVENTID || coalesce('; mentions ' || t.NumMentions, '')
    || coalesce('; source ' || nullif(t.SOURCEURL, ''), '') AS explanation,
  'import:gdelt' AS coder_version
FROM typed t
LEFT JOIN wf_cameo c ON c.code = t.EventCode
LEFT JOIN wf_cameo cb ON cb.code = t.EventBaseCode
LEFT JOIN wf_cameo cr ON cr.code = t.EventRootCode || '0'
LEFT JOIN wf_country_codes g ON g.scheme = 'fips' AND g.code = t.ActionGeo_CountryCode
LEFT JOIN wf_country_codes a1 ON a1.scheme = 'cameo' AND a1.code = t.Actor1CountryCode
LEFT JOIN wf_country_codes a2 ON a2.scheme = 'cameo' AND a2.code = t.Actor2CountryCode
QUALIFY row_number() OVER (PARTITION BY ok, coalesce(id, t.rn::VARCHAR) ORDER BY t.rn DESC) = 1
"""


def _import_gdelt(store: Store, source: Path) -> ImportReport:
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
    tables = StagingTables("wf_gdelt_stage", "wf_gdelt_rejects", "wf_gdelt_scans")
    with plain_file(source) as file:
        sql = _STAGE_SQL.format(
            stage=tables.stage,
            path=sql_string(str(file)),
            columns=columns,
            rejects=sql_string(tables.rejects),
            scans=sql_string(tables.scans),
        )
        return load_staged(
            store,
            source=source,
            dataset="gdelt",
            stage_sql=sql,
            tables=tables,
            header_lines=0,
            unreadable="GLOBALEVENTID or SQLDATE unreadable",
        )


def import_gdelt(store: Store, path: str | Path) -> ImportReport:
    """Upsert the events of one GDELT 2.0 export file in one transaction.

    Malformed rows are skipped and listed in the report with their line numbers; a file that
    cannot be read at all raises InputError and leaves the database unchanged.
    """
    source = Path(path)
    try:
        return _import_gdelt(store, source)
    except duckdb.Error as exc:
        raise InputError(f"{source}: cannot be imported as GDELT ({exc})") from exc
