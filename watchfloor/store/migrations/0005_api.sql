-- API bearer tokens: only a salted sha256 of each token is kept; the token is shown once.
CREATE TABLE api_tokens (
    id           VARCHAR PRIMARY KEY,   -- public part of the token, e.g. 'a1b2c3d4'
    name         VARCHAR NOT NULL,
    salt         VARCHAR NOT NULL,
    token_hash   VARCHAR NOT NULL,      -- hex sha256(salt || token)
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
