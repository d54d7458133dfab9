-- Finding community services: a full-text index of each service's words (stemmed, so "visiting" finds "visit"),
-- positions for distance, and the national postcode table. Full text is the one place the engines differ: SQLite
-- keeps an FTS5 table up to date by triggers here; PostgreSQL keeps a generated tsvector column with a GIN index.
-- The schema test leaves both out of its comparison. The PostgreSQL folder holds the rest the same.

-- +goose Up

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

-- Locations by position, for the bounding box that comes before the exact distance.
CREATE INDEX directory_location_position ON directory_location (council_id, latitude, longitude);

-- The ONS Postcode Directory's centre of each postcode. National open data, the same for every council, so it
-- is outside the council wall. postcode is upper case with one space before the inward code ("ZZ99 3AB").
CREATE TABLE postcode (
    postcode  TEXT PRIMARY KEY,
    latitude  REAL NOT NULL,
    longitude REAL NOT NULL
);

-- +goose Down
DROP TABLE postcode;
DROP INDEX directory_location_position;
DROP TRIGGER directory_service_fts_delete;
DROP TRIGGER directory_service_fts_update;
DROP TRIGGER directory_service_fts_insert;
DROP TABLE directory_service_fts;
