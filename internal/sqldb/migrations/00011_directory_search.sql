-- Finding community services: a full-text index of each service's words (stemmed, so "visiting" finds "visit"),
{{if postgres}}
-- positions for distance, and the national postcode table. Full text is the one place the engines differ:
-- PostgreSQL keeps a generated tsvector column with a GIN index here; SQLite keeps an FTS5 table up to date by
-- triggers. The schema test leaves both out of its comparison. The SQLite folder holds the rest the same.
{{else}}
-- positions for distance, and the national postcode table. Full text is the one place the engines differ: SQLite
-- keeps an FTS5 table up to date by triggers here; PostgreSQL keeps a generated tsvector column with a GIN index.
-- The schema test leaves both out of its comparison. The PostgreSQL folder holds the rest the same.
{{end}}

-- +goose Up

{{if postgres}}
-- The words of each service, stemmed by the English stemmer; the name weighs more than the rest.
ALTER TABLE directory_service ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B') ||
    setweight(to_tsvector('english'::regconfig, eligibility_description), 'C')
) STORED;
CREATE INDEX directory_service_search ON directory_service USING GIN (search_vector);
{{else}}
-- The words of each service, stemmed by the Porter stemmer.
CREATE VIRTUAL TABLE directory_service_fts USING fts5(
    council_id UNINDEXED,
    id UNINDEXED,
    name,
    description,
    eligibility_description,
    tokenize = 'porter unicode61'
);

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN
    INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
    VALUES (new.council_id, new.id, new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF name, description, eligibility_description ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE council_id = old.council_id AND id = old.id;
    INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
    VALUES (new.council_id, new.id, new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE council_id = old.council_id AND id = old.id;
END;
-- +goose StatementEnd

-- Services already in the directory.
INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
SELECT council_id, id, name, description, eligibility_description FROM directory_service;
{{end}}

-- Locations by position, for the bounding box that comes before the exact distance.
CREATE INDEX directory_location_position ON directory_location (council_id, latitude, longitude);

-- The ONS Postcode Directory's centre of each postcode. National open data, the same for every council, so it
{{if postgres}}
-- is outside the council wall (no row-level security). postcode is upper case with one space before the inward
-- code ("ZZ99 3AB").
{{else}}
-- is outside the council wall. postcode is upper case with one space before the inward code ("ZZ99 3AB").
{{end}}
CREATE TABLE postcode (
    postcode  TEXT PRIMARY KEY,
    latitude  {{float}} NOT NULL,
    longitude {{float}} NOT NULL
);

-- +goose Down
DROP TABLE postcode;
DROP INDEX directory_location_position;
{{if postgres}}
DROP INDEX directory_service_search;
ALTER TABLE directory_service DROP COLUMN search_vector;
{{else}}
DROP TRIGGER directory_service_fts_delete;
DROP TRIGGER directory_service_fts_update;
DROP TRIGGER directory_service_fts_insert;
DROP TABLE directory_service_fts;
{{end}}
