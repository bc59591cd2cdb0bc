-- How many distinct documents report a signal's events: five events coded from one report
-- are one report, not a burst. NULL for signals stored before this column existed.
DROP INDEX IF EXISTS analysis_signals_day;
ALTER TABLE analysis_signals ADD COLUMN n_documents INTEGER;
CREATE INDEX analysis_signals_day ON analysis_signals(day);
