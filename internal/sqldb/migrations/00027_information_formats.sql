-- How a person needs written information (the Accessible Information Standard): Easy Read, large print, or both,
-- as the codes easy_read and large_print joined by commas; empty for standard print. My plan, on the page and as a
-- PDF, is written in the formats recorded here. The other engine's folder holds the same.

-- +goose Up
ALTER TABLE person ADD COLUMN information_formats TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE person DROP COLUMN information_formats;
