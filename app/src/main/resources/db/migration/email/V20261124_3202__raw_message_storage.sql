-- Raw messages are written once, on the ingestion path, and read rarely (re-processing, "show original").
-- PostgreSQL's default compression (pglz) cost more CPU per message than the rest of its ingestion on
-- the benchmark's mail, most of which is base64 that compresses little. Use lz4 where the server has it;
-- without it keep raw messages uncompressed (out of line, as before).
DO $$
BEGIN
    ALTER TABLE email_inbound ALTER COLUMN raw SET COMPRESSION lz4;
    ALTER TABLE email_quarantine ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    ALTER TABLE email_inbound ALTER COLUMN raw SET STORAGE EXTERNAL;
    ALTER TABLE email_quarantine ALTER COLUMN raw SET STORAGE EXTERNAL;
END $$;
