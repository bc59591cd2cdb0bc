-- Current forecast per unit, written by `watchfloor forecast`; one row per
-- (unit_kind, period, horizon, unit), replaced on every run.
CREATE TABLE forecasts (
    unit_kind        VARCHAR NOT NULL,   -- country | admin1 | dyad
    unit             VARCHAR NOT NULL,   -- ISO3, 'ISO3/admin1 name', or 'ISO3-ISO3' (sorted)
    period           VARCHAR NOT NULL,   -- month | week | day
    horizon          INTEGER NOT NULL,   -- periods ahead of the last observed one
    origin_start     DATE,               -- first day of the last observed period
    target_start     DATE,               -- first day of the forecast period
    target           VARCHAR,            -- fatalities | conflict_events
    last_value       DOUBLE,             -- observed target in the last period
    expected         DOUBLE,             -- point forecast (expm1 of the log1p forecast)
    q10              DOUBLE,
    q50              DOUBLE,
    q90              DOUBLE,
    escalation_prob  DOUBLE,             -- calibrated probability of the escalation rule
    escalation_rule  VARCHAR,
    mean_goldstein   DOUBLE,             -- forecast mean Goldstein of the target period
    top_features     JSON,               -- [{feature, value, contribution}], largest first
    dataset          VARCHAR,            -- events used (NULL = all)
    model            VARCHAR,
    run_id           VARCHAR NOT NULL,
    created_at       TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (unit_kind, period, horizon, unit)
);
