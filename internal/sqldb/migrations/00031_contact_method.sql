-- How the person would like to be contacted, a value of codelists.ContactMethod (a phone call, a text message, an
-- email, a letter, or through someone else); empty when nobody has asked.

-- +goose Up
ALTER TABLE person ADD COLUMN contact_method TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE person DROP COLUMN contact_method;
