-- Baselines stored per series id: the names (level, key, etype) once per series in
-- analysis_series, the per-day rows keyed by sid in analysis_baseline_days, and a view
-- analysis_baselines with the columns of the old table for every reader.
-- The baselines are derived data: the old table is dropped and the analysis watermark
-- reset, so the next `analyze` recomputes every day.

DROP TABLE IF EXISTS analysis_baselines;

CREATE TABLE analysis_series (
    sid    INTEGER NOT NULL,        -- stable across runs; new series get the next ids
    level  VARCHAR NOT NULL,
    key    VARCHAR NOT NULL,
    etype  VARCHAR NOT NULL
);

CREATE TABLE analysis_baseline_days (
    sid           INTEGER NOT NULL,  -- analysis_series.sid
    day           DATE NOT NULL,
    observed      DOUBLE NOT NULL,
    window_sum    DOUBLE NOT NULL,
    window_sq     DOUBLE NOT NULL,
    history_days  INTEGER NOT NULL,
    prior_rate    DOUBLE,
    dow_factor    DOUBLE NOT NULL,
    expected      DOUBLE NOT NULL,
    p_value       DOUBLE,
    q_value       DOUBLE
);

CREATE VIEW analysis_baselines AS
SELECT s.level, s.key, s.etype, b.day, b.observed, b.window_sum, b.window_sq,
       b.history_days, b.prior_rate, b.dow_factor, b.expected, b.p_value, b.q_value
FROM analysis_baseline_days b JOIN analysis_series s ON s.sid = b.sid;

DELETE FROM analysis_state WHERE name = 'events_created_at';
