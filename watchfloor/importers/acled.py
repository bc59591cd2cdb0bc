"""Import ACLED CSV exports, in the current column layout or the pre-2019 one.

The layout is read from the header: the pre-2019 export has ``data_id`` and old event types
("Battle-No change of territory", "Remote violence", "Riots/Protests", ...) and no
``sub_event_type``; old types are mapped to the current type and sub-type (``Riots/Protests``
becomes Riots when actor 1 is rioters, inter code 5, else Protests). Types map to PLOVER and
an approximate CAMEO code (``importers/data/acled_types.csv``); the numeric ``iso`` code (or
the country name) gives the ISO3 country.
"""

from __future__ import annotations

import csv
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

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities")

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d/%m/%Y", "%d-%B-%Y", "%d-%b-%y", "%m/%d/%Y")

_STAGE_SQL = """
CREATE TEMP TABLE {stage} AS
WITH raw AS (
  SELECT *, row_number() OVER () AS rn FROM read_csv({path}, delim=',', quote='"',
    escape='"', header=true, columns={columns}, store_rejects=true,
    rejects_table={rejects}, rejects_scan={scans}, parallel=false, auto_detect=false,
    strict_mode=false)
),
typed AS (
  SELECT raw.*, nullif(trim(event_id_cnty), '') AS eid,
    coalesce({dates}) AS parsed_date,
    coalesce(lg.event_type, raw.event_type) AS type_now,
    CASE WHEN raw.event_type = 'Riots/Protests' AND trim({inter1}) = '5' THEN 'Riots'
         ELSE coalesce(lg.event_type, raw.event_type) END AS type_2019,
    coalesce(nullif({sub_event_type}, ''), nullif(lg.sub_event_type, '')) AS sub_2019
  FROM raw LEFT JOIN wf_acled_legacy lg ON lg.legacy_type = raw.event_type
)
SELECT t.rn, t.eid IS NOT NULL AND t.parsed_date IS NOT NULL AS ok,
  'acled:' || t.eid AS id, 'acled' AS dataset, t.eid AS dataset_event_id,
  nullif(t.notes, '') AS evidence_text, t.parsed_date AS date,
  coalesce(ts.plover_event, tt.plover_event) AS plover_event,
  nullif(coalesce(ts.plover_mode, tt.plover_mode), '') AS plover_mode,
  nullif(coalesce(ts.cameo_code, tt.cameo_code), '') AS cameo_code,
  left(nullif(coalesce(ts.cameo_code, tt.cameo_code), ''), 2) AS cameo_root,
  TRY_CAST(c.goldstein AS DOUBLE) AS goldstein, TRY_CAST(c.quad_class AS INTEGER) AS quad_class,
  t.type_2019 AS acled_event_type, t.sub_2019 AS acled_sub_event_type,
  nullif(t.actor1, '') AS source_text, NULL::VARCHAR AS source_country,
  NULL::VARCHAR AS source_sector, NULL::VARCHAR AS source_actor_id,
  nullif({actor2}, '') AS target_text, NULL::VARCHAR AS target_country,
  NULL::VARCHAR AS target_sector, NULL::VARCHAR AS target_actor_id,
  nullif({location}, '') AS place_name, nullif({admin1}, '') AS place_admin1,
  coalesce(cn.iso3, cname.iso3) AS place_country,
  TRY_CAST({latitude} AS DOUBLE) AS lat, TRY_CAST({longitude} AS DOUBLE) AS lon,
  TRY_CAST(TRY_CAST(t.fatalities AS DOUBLE) AS INTEGER) AS fatalities,
  1.0 AS confidence, false AS hedged, false AS negated, 'asserted' AS modality,
  'ACLED event ' || t.eid || coalesce('; type ' || t.event_type, '')
    || coalesce('; source ' || nullif({source}, ''), '') AS explanation,
  'import:acled' AS coder_version
FROM typed t
LEFT JOIN wf_acled_types ts ON ts.event_type = t.type_2019 AND ts.sub_event_type = t.sub_2019
LEFT JOIN wf_acled_types tt ON tt.event_type = t.type_2019 AND tt.sub_event_type = ''
LEFT JOIN wf_cameo c ON c.code = coalesce(ts.cameo_code, tt.cameo_code)
LEFT JOIN wf_country_codes cn ON cn.scheme = 'num' AND cn.code = ltrim(trim({iso}), '0')
LEFT JOIN wf_country_codes cname ON cname.scheme = 'name' AND cname.code = lower(trim(t.country))
QUALIFY row_number() OVER (PARTITION BY ok, coalesce(id, t.rn::VARCHAR) ORDER BY t.rn DESC) = 1
"""


def _header(file: Path) -> list[str]:
    with file.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        header = next(csv.reader(handle), [])
    return [h.strip() for h in header]


def _stage_sql(file: Path, header: list[str], stage: str, rejects: str, scans: str) -> str:
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{file}: not an ACLED export, missing columns {', '.join(missing)}")

    def col(name: str) -> str:
        return f't."{name}"' if name in header else "NULL::VARCHAR"

    def raw_col(name: str) -> str:
        return f'raw."{name}"' if name in header else "NULL::VARCHAR"

    columns = "{" + ", ".join(f"'{h}': 'VARCHAR'" for h in header) + "}"
    dates = ", ".join(f"TRY_STRPTIME(trim(event_date), '{f}')::DATE" for f in _DATE_FORMATS)
    return _STAGE_SQL.format(
        stage=stage,
        path=sql_string(str(file)),
        columns=columns,
        rejects=sql_string(rejects),
        scans=sql_string(scans),
        dates=dates,
        inter1=raw_col("inter1"),
        sub_event_type=raw_col("sub_event_type"),
        actor2=col("actor2"),
        location=col("location"),
        admin1=col("admin1"),
        latitude=col("latitude"),
        longitude=col("longitude"),
        source=col("source"),
        iso=col("iso"),
    ).replace("nullif(t.notes, '')", f"nullif({col('notes')}, '')")


def _import_acled(store: Store, source: Path) -> ImportReport:
    tables = StagingTables("wf_acled_stage", "wf_acled_rejects", "wf_acled_scans")
    with plain_file(source) as file:
        sql = _stage_sql(file, _header(file), tables.stage, tables.rejects, tables.scans)
        return load_staged(
            store,
            source=source,
            dataset="acled",
            stage_sql=sql,
            tables=tables,
            header_lines=1,
            unreadable="event_id_cnty or event_date unreadable",
        )


def import_acled(store: Store, path: str | Path) -> ImportReport:
    """Upsert the events of one ACLED CSV export (either layout) in one transaction.

    Malformed rows are skipped and listed in the report with their line numbers; a file that
    cannot be read at all raises InputError and leaves the database unchanged.
    """
    source = Path(path)
    try:
        return _import_acled(store, source)
    except duckdb.Error as exc:
        raise InputError(f"{source}: cannot be imported as ACLED ({exc})") from exc
