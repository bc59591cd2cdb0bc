-- Core tables: sources, documents, sentences, actors, places, events.
CREATE TABLE sources (
    name        VARCHAR PRIMARY KEY,
    url         VARCHAR,
    kind        VARCHAR,
    first_seen  TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE documents (
    id            VARCHAR PRIMARY KEY,
    url           VARCHAR,
    title         VARCHAR,
    text          VARCHAR NOT NULL,
    published     TIMESTAMP,
    fetched       TIMESTAMP,
    source        VARCHAR,
    language      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    minhash       BLOB,
    canonical_id  VARCHAR,           -- NULL: this document is canonical; else the near-copy it duplicates
    similarity    DOUBLE,            -- estimated Jaccard similarity to canonical_id
    metadata      JSON,
    ingested_at   TIMESTAMP DEFAULT current_timestamp,
    coded_at      TIMESTAMP,
    coder_version VARCHAR
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_canonical ON documents(canonical_id);

-- Every outlet that carried a story, kept on the canonical document.
CREATE TABLE document_sources (
    document_id   VARCHAR NOT NULL,  -- the canonical document
    carrier_id    VARCHAR NOT NULL,  -- the document as ingested from this source
    source        VARCHAR,
    url           VARCHAR,
    published     TIMESTAMP,
    PRIMARY KEY (document_id, carrier_id)
);

CREATE TABLE sentences (
    document_id    VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    PRIMARY KEY (document_id, sentence_index)
);

CREATE TABLE actors (
    id       VARCHAR PRIMARY KEY,    -- e.g. IRN_MIL or a dictionary entry id
    name     VARCHAR,
    country  VARCHAR,
    sector   VARCHAR,
    kind     VARCHAR
);

CREATE TABLE places (
    geonames_id  BIGINT PRIMARY KEY,
    name         VARCHAR,
    admin1       VARCHAR,
    country      VARCHAR,
    lat          DOUBLE,
    lon          DOUBLE,
    feature      VARCHAR
);

CREATE TABLE events (
    id                   VARCHAR PRIMARY KEY,
    dataset              VARCHAR NOT NULL DEFAULT 'watchfloor',  -- watchfloor | gdelt | acled | parquet
    dataset_event_id     VARCHAR,
    document_id          VARCHAR,
    sentence_index       INTEGER,
    char_start           INTEGER,
    char_end             INTEGER,
    evidence_text        VARCHAR,
    date                 DATE,
    plover_event         VARCHAR,
    plover_mode          VARCHAR,
    cameo_code           VARCHAR,
    cameo_root           VARCHAR,
    goldstein            DOUBLE,
    quad_class           INTEGER,
    acled_event_type     VARCHAR,
    acled_sub_event_type VARCHAR,
    source_text          VARCHAR,
    source_country       VARCHAR,
    source_sector        VARCHAR,
    source_actor_id      VARCHAR,
    target_text          VARCHAR,
    target_country       VARCHAR,
    target_sector        VARCHAR,
    target_actor_id      VARCHAR,
    place_name           VARCHAR,
    place_admin1         VARCHAR,
    place_country        VARCHAR,
    lat                  DOUBLE,
    lon                  DOUBLE,
    geonames_id          BIGINT,
    fatalities           INTEGER,
    injuries             INTEGER,
    confidence           DOUBLE,
    hedged               BOOLEAN,
    negated              BOOLEAN,
    modality             VARCHAR,
    quote_speaker        VARCHAR,
    explanation          VARCHAR,
    coder_version        VARCHAR,
    created_at           TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country ON events(place_country);
