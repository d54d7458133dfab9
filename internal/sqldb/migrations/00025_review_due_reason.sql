-- Why a review falls due when it does, in the practitioner's words, when they schedule or move it themselves: an
-- annual review, or sooner because something changed. Empty when the date was worked out from the plan's
-- agreement and the last review. The other engine's folder holds the same.

-- +goose Up
ALTER TABLE review ADD COLUMN due_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE review DROP COLUMN due_reason;
