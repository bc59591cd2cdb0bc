"""The SQL that maps checked GDELT event rows (``wf_rows``) to event rows, and stores mentions.

PLOVER comes from the CAMEO table (``watchfloor/data/cameo.tsv``) for the code itself, else
its base code, else its 3-digit parent, else its root; CAMEO 01 (public statements), which
PLOVER has no event for, maps through ``importers/data/cameo_plover_gaps.csv``.
"""

from __future__ import annotations

GDELT_SELECT = """
SELECT 'gdelt:' || t.GLOBALEVENTID AS id, 'gdelt' AS dataset,
  t.GLOBALEVENTID AS dataset_event_id, NULL::VARCHAR AS evidence_text, t.date::DATE AS date,
  coalesce(nullif(c.plover_event, ''), nullif(cb.plover_event, ''),
           nullif(cp.plover_event, ''), nullif(cr.plover_event, ''),
           nullif(gap.plover_event, '')) AS plover_event,
  CASE WHEN c.plover_event <> '' THEN nullif(c.plover_mode, '')
       WHEN cb.plover_event <> '' THEN nullif(cb.plover_mode, '')
       WHEN cp.plover_event <> '' THEN nullif(cp.plover_mode, '')
       WHEN cr.plover_event <> '' THEN nullif(cr.plover_mode, '')
       ELSE nullif(gap.plover_mode, '') END AS plover_mode,
  t.EventCode AS cameo_code, coalesce(nullif(t.EventRootCode, ''), left(t.EventCode, 2))
    AS cameo_root,
  coalesce(TRY_CAST(t.GoldsteinScale AS DOUBLE), TRY_CAST(c.goldstein AS DOUBLE)) AS goldstein,
  TRY_CAST(t.QuadClass AS INTEGER) AS quad_class,
  NULL::VARCHAR AS acled_event_type, NULL::VARCHAR AS acled_sub_event_type,
  nullif(t.Actor1Name, '') AS source_text, a1.iso3 AS source_country,
  nullif(t.Actor1Type1Code, '') AS source_sector, nullif(t.Actor1Code, '') AS source_actor_id,
  nullif(t.Actor2Name, '') AS target_text, a2.iso3 AS target_country,
  nullif(t.Actor2Type1Code, '') AS target_sector, nullif(t.Actor2Code, '') AS target_actor_id,
  nullif(t.ActionGeo_FullName, '') AS place_name,
  CASE WHEN t.ActionGeo_Type IN ('2', '5') THEN string_split(t.ActionGeo_FullName, ', ')[1]
       WHEN t.ActionGeo_Type IN ('3', '4')
            AND len(string_split(t.ActionGeo_FullName, ', ')) >= 3
       THEN string_split(t.ActionGeo_FullName, ', ')[-2]
  END AS place_admin1,
  g.iso3 AS place_country,
  TRY_CAST(t.ActionGeo_Lat AS DOUBLE) AS lat, TRY_CAST(t.ActionGeo_Long AS DOUBLE) AS lon,
  NULL::INTEGER AS fatalities, 1.0 AS confidence, false AS hedged, false AS negated,
  'asserted' AS modality,
  t.layout_label || ' event ' || t.GLOBALEVENTID
    || coalesce('; mentions ' || nullif(t.NumMentions, ''), '')
    || coalesce('; source ' || nullif(t.SOURCEURL, ''), '') AS explanation,
  'import:gdelt' AS coder_version,
  CASE WHEN regexp_matches(t.SOURCEURL, '^https?://') THEN t.SOURCEURL END AS evidence_url
FROM wf_rows t
LEFT JOIN wf_cameo c ON c.code = t.EventCode
LEFT JOIN wf_cameo cb ON cb.code = t.EventBaseCode
LEFT JOIN wf_cameo cp ON cp.code = left(t.EventCode, 3)
LEFT JOIN wf_cameo cr ON cr.code = left(t.EventCode, 2) || '0'
LEFT JOIN wf_cameo_gaps gap ON gap.cameo_root = left(t.EventCode, 2)
LEFT JOIN wf_country_codes g ON g.scheme = 'fips' AND g.code = t.ActionGeo_CountryCode
LEFT JOIN wf_country_codes a1 ON a1.scheme = 'cameo' AND a1.code = t.Actor1CountryCode
LEFT JOIN wf_country_codes a2 ON a2.scheme = 'cameo' AND a2.code = t.Actor2CountryCode
"""

MENTIONS_UPSERT = """
DELETE FROM event_mentions m USING wf_mentions n
  WHERE m.event_id = n.event_id AND m.url = n.url;
INSERT INTO event_mentions (event_id, url, source_name, mention_type, event_time,
    mention_time, confidence, doc_tone)
  SELECT event_id, url, nullif(source_name, ''), TRY_CAST(mention_type AS INTEGER),
    event_time, mention_time, TRY_CAST(confidence AS INTEGER), TRY_CAST(doc_tone AS DOUBLE)
  FROM wf_mentions;
"""
