-- A document that could not be coded is marked, with the reason, instead of being retried on
-- every run; `watchfloor documents --failed` lists them and `--retry` clears the mark.
ALTER TABLE documents ADD COLUMN code_failed_at TIMESTAMP;
ALTER TABLE documents ADD COLUMN code_failure VARCHAR;
