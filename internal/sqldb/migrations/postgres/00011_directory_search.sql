-- Finding community services: a full-text index of each service's words (stemmed, so "visiting" finds "visit"),
-- positions for distance, and the national postcode table. Full text is the one place the engines differ:
-- PostgreSQL keeps a generated tsvector column with a GIN index here; SQLite keeps an FTS5 table up to date by
-- triggers. The schema test leaves both out of its comparison. The SQLite folder holds the rest the same.

-- +goose Up

-- The words of each service, stemmed by the English stemmer; the name weighs more than the rest.
ALTER TABLE directory_service ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B') ||
    setweight(to_tsvector('english'::regconfig, eligibility_description), 'C')
) STORED;
CREATE INDEX directory_service_search ON directory_service USING GIN (search_vector);

-- Locations by position, for the bounding box that comes before the exact distance.
CREATE INDEX directory_location_position ON directory_location (council_id, latitude, longitude);

-- The ONS Postcode Directory's centre of each postcode. National open data, the same for every council, so it
-- is outside the council wall (no row-level security). postcode is upper case with one space before the inward
-- code ("ZZ99 3AB").
CREATE TABLE postcode (
    postcode  TEXT PRIMARY KEY,
    latitude  DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL
);

-- +goose Down
DROP TABLE postcode;
DROP INDEX directory_location_position;
DROP INDEX directory_service_search;
ALTER TABLE directory_service DROP COLUMN search_vector;
