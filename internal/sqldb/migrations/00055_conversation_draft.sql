-- A conversation being typed up, saved as a draft by the member of staff typing it: the conversation page's fields
-- exactly as typed (URL-encoded), one draft for each member of staff and episode, until the conversation is saved.
-- It is the practitioner's own work in progress, not yet part of the person's record: it is shown only to them, on
-- the conversation page and their caseload.

-- +goose Up
CREATE TABLE conversation_draft (
    council_id TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    episode_id TEXT NOT NULL,
    form       TEXT NOT NULL,
    saved_at   {{timestamp}} NOT NULL,
    PRIMARY KEY (council_id, staff_id, episode_id)
);
{{if postgres}}
{{wall "conversation_draft"}}
{{end}}

-- +goose Down
DROP TABLE conversation_draft;
