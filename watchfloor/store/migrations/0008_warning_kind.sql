-- The analyst's kind of warning signal an event shows (coding.warning_kinds): e.g.
-- 'border_crossing', 'evacuation', 'closure'; NULL for most events and for imported ones.
-- DuckDB cannot add a column to a table with indexes, so they are dropped and rebuilt.
DROP INDEX IF EXISTS events_document;
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_country;
ALTER TABLE events ADD COLUMN warning_kind VARCHAR;
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country ON events(place_country);
