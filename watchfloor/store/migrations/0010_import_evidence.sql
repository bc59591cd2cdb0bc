-- Imported events keep the article they came from; GDELT Mentions files list every article
-- that carried an event. events.dataset already tells imported events ('gdelt', 'acled',
-- 'parquet') from coded ones ('watchfloor').
ALTER TABLE events ADD COLUMN evidence_url VARCHAR;

CREATE TABLE event_mentions (
    event_id       VARCHAR NOT NULL,   -- events.id, e.g. 'gdelt:1170829577' (may arrive first)
    url            VARCHAR NOT NULL,   -- MentionIdentifier: the article URL (or a citation)
    source_name    VARCHAR,            -- MentionSourceName, e.g. 'bbc.co.uk'
    mention_type   INTEGER,            -- 1 web, 2 citation-only, 3 core, 4 DTIC, 5 JSTOR, 6 translated
    event_time     TIMESTAMP,          -- EventTimeDate: when the event was first seen
    mention_time   TIMESTAMP,          -- MentionTimeDate: when this article was seen
    confidence     INTEGER,            -- 10-100: GDELT's confidence in the extraction
    doc_tone       DOUBLE,
    PRIMARY KEY (event_id, url)
);
