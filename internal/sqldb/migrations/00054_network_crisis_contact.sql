-- Someone who matters to a person can be marked as the one to call in a crisis, so that a support plan drafted
-- from the record names them without their name and number being typed again.

-- +goose Up
ALTER TABLE person_network ADD COLUMN crisis_contact BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE person_network DROP COLUMN crisis_contact;
