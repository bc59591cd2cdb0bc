-- Analysis layer: daily counts per series, event surprise scores, signals, alerts, stories.

-- Weighted daily counts per series. level: country | admin1 | actor | pair | global;
-- etype: a PLOVER event type, a QuadClass ('Q1'..'Q4') or 'ALL'.
CREATE TABLE analysis_daily_counts (
    level   VARCHAR NOT NULL,
    key     VARCHAR NOT NULL,
    etype   VARCHAR NOT NULL,
    day     DATE NOT NULL,
    n       DOUBLE NOT NULL,       -- sum of event confidence (negated events excluded)
    events  INTEGER NOT NULL       -- raw number of events
);
-- No primary keys on the bulk tables: writers delete and re-insert whole days, and ART
-- index upkeep would dominate the run time on millions of rows.

-- Expected count for each series-day that has events, from the trailing window.
CREATE TABLE analysis_baselines (
    level         VARCHAR NOT NULL,
    key           VARCHAR NOT NULL,
    etype         VARCHAR NOT NULL,
    day           DATE NOT NULL,
    observed      DOUBLE NOT NULL,
    window_sum    DOUBLE NOT NULL,  -- weighted events in the trailing window (day excluded)
    window_sq     DOUBLE NOT NULL,  -- sum of squared daily counts in the window
    history_days  INTEGER NOT NULL, -- days of history of the series' area before this day
    prior_rate    DOUBLE,           -- shrinkage target: parent rate scaled to this series
    dow_factor    DOUBLE NOT NULL,  -- day-of-week multiplier of the area
    expected      DOUBLE NOT NULL,  -- posterior expected count for this day
    p_value       DOUBLE,           -- upper-tail probability of observed (NULL: not judged)
    q_value       DOUBLE            -- Benjamini-Hochberg adjusted p over the day's tests
);

-- Per-event surprise: the most surprising series the event belongs to.
CREATE TABLE analysis_event_scores (
    event_id  VARCHAR NOT NULL,
    day       DATE,
    surprise  DOUBLE,               -- -log10 of the adjusted p-value, weighted by confidence
    q_value   DOUBLE,
    level     VARCHAR,
    key       VARCHAR,
    etype     VARCHAR,
    observed  DOUBLE,
    expected  DOUBLE
);

-- Unusual-event signals: rate spikes and novelty, each tied to one representative event.
CREATE TABLE analysis_signals (
    id           VARCHAR PRIMARY KEY,
    day          DATE NOT NULL,
    kind         VARCHAR NOT NULL,  -- rate | novelty | rule
    subtype      VARCHAR NOT NULL,  -- e.g. spike, new_type, new_actor_place, border_crossing
    etype        VARCHAR,
    event_id     VARCHAR,
    document_id  VARCHAR,
    country      VARCHAR,
    admin1       VARCHAR,
    place        VARCHAR,
    actor        VARCHAR,
    score        DOUBLE NOT NULL,
    observed     DOUBLE,
    expected     DOUBLE,
    n_events     INTEGER,
    summary      VARCHAR NOT NULL
);
CREATE INDEX analysis_signals_day ON analysis_signals(day);

CREATE TABLE alerts (
    id           VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL,  -- cluster | burst | novelty | rule
    dedup_key    VARCHAR NOT NULL,  -- kind + place (+ rule/type): windows that overlap merge
    country      VARCHAR,
    admin1       VARCHAR,
    place        VARCHAR,
    start_day    DATE NOT NULL,
    end_day      DATE NOT NULL,
    score        DOUBLE NOT NULL,
    n_signals    INTEGER NOT NULL,
    summary      VARCHAR NOT NULL,
    state        VARCHAR NOT NULL DEFAULT 'new',  -- new | acknowledged | dismissed
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    notified_at  TIMESTAMP
);
CREATE INDEX alerts_key ON alerts(dedup_key);

CREATE TABLE alert_signals (
    alert_id     VARCHAR NOT NULL,
    signal_id    VARCHAR NOT NULL,
    event_id     VARCHAR,
    document_id  VARCHAR,
    day          DATE,
    type         VARCHAR,
    summary      VARCHAR,
    score        DOUBLE,
    PRIMARY KEY (alert_id, signal_id)
);

CREATE TABLE stories (
    id           VARCHAR PRIMARY KEY,
    title        VARCHAR NOT NULL,
    start_day    DATE,
    end_day      DATE,
    n_documents  INTEGER NOT NULL,
    n_events     INTEGER NOT NULL,
    countries    VARCHAR[],
    actors       VARCHAR[],
    types        VARCHAR[],
    computed_at  TIMESTAMP NOT NULL
);

CREATE TABLE story_documents (
    story_id     VARCHAR NOT NULL,
    document_id  VARCHAR NOT NULL,
    PRIMARY KEY (story_id, document_id)
);

-- Watermark of the incremental analysis.
CREATE TABLE analysis_state (
    name   VARCHAR PRIMARY KEY,
    value  VARCHAR
);
