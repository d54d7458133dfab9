-- Search by postcode reads an index rather than every person in the council.

-- +goose Up
CREATE INDEX person_postcode ON person (council_id, postcode);

-- +goose Down
DROP INDEX person_postcode;
