"""The SQL that maps checked ACLED rows (``wf_rows``) to event rows.

``wf_rows`` holds ``line``, the parsed ``date`` and the file's text columns (empty where the
file has none); the reference tables are registered by ``common.register_reference_tables``.
"""

from __future__ import annotations

ACLED_SELECT = """
WITH typed AS (
  SELECT r.*,
    CASE WHEN lower(trim(r.event_type)) = 'riots/protests' AND trim(r.inter1) = '5' THEN 'Riots'
         ELSE coalesce(lg.event_type, r.event_type) END AS type_2019,
    coalesce(nullif(r.sub_event_type, ''), nullif(lg.sub_event_type, '')) AS sub_2019
  FROM wf_rows r LEFT JOIN wf_acled_legacy lg ON lower(lg.legacy_type) = lower(trim(r.event_type))
)
SELECT 'acled:' || t.event_id_cnty AS id, 'acled' AS dataset,
  t.event_id_cnty AS dataset_event_id,
  nullif(t.notes, '') AS evidence_text, t.date::DATE AS date,
  coalesce(ts.plover_event, tt.plover_event) AS plover_event,
  nullif(coalesce(ts.plover_mode, tt.plover_mode), '') AS plover_mode,
  nullif(coalesce(ts.cameo_code, tt.cameo_code), '') AS cameo_code,
  left(nullif(coalesce(ts.cameo_code, tt.cameo_code), ''), 2) AS cameo_root,
  TRY_CAST(c.goldstein AS DOUBLE) AS goldstein, TRY_CAST(c.quad_class AS INTEGER) AS quad_class,
  t.type_2019 AS acled_event_type, t.sub_2019 AS acled_sub_event_type,
  nullif(t.actor1, '') AS source_text, NULL::VARCHAR AS source_country,
  NULL::VARCHAR AS source_sector, NULL::VARCHAR AS source_actor_id,
  nullif(t.actor2, '') AS target_text, NULL::VARCHAR AS target_country,
  NULL::VARCHAR AS target_sector, NULL::VARCHAR AS target_actor_id,
  nullif(t.location, '') AS place_name, nullif(t.admin1, '') AS place_admin1,
  coalesce(ci.iso3, cn.iso3, cname.iso3) AS place_country,
  TRY_CAST(t.latitude AS DOUBLE) AS lat, TRY_CAST(t.longitude AS DOUBLE) AS lon,
  TRY_CAST(TRY_CAST(t.fatalities AS DOUBLE) AS INTEGER) AS fatalities,
  1.0 AS confidence, false AS hedged, false AS negated, 'asserted' AS modality,
  'ACLED event ' || t.event_id_cnty || coalesce('; type ' || nullif(t.event_type, ''), '')
    || coalesce('; source ' || nullif(t.source, ''), '') AS explanation,
  'import:acled' AS coder_version, NULL::VARCHAR AS evidence_url
FROM typed t
LEFT JOIN wf_acled_types ts ON lower(ts.event_type) = lower(t.type_2019)
  AND lower(ts.sub_event_type) = lower(t.sub_2019)
LEFT JOIN wf_acled_types tt ON lower(tt.event_type) = lower(t.type_2019)
  AND tt.sub_event_type = ''
LEFT JOIN wf_cameo c ON c.code = coalesce(ts.cameo_code, tt.cameo_code)
LEFT JOIN wf_country_codes ci ON ci.scheme = 'cameo' AND ci.code = upper(trim(t.iso3))
LEFT JOIN wf_country_codes cn ON cn.scheme = 'num'
  AND cn.code = ltrim(regexp_replace(trim(t.iso), '[.]0+$', ''), '0')
LEFT JOIN wf_country_codes cname ON cname.scheme = 'name' AND cname.code = lower(t.country)
"""
