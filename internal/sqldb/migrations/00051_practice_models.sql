-- The practice model is the council's choice: the headings and prompts a conversation is recorded under come from
-- the council's practice model (MASOSS with the ROPES prompts by default, Three Conversations, or one the council
-- adds), not from code. Each conversation records the model and the model's version it was recorded under, so that
-- a record stays readable under its own headings after the council changes its prompts or its model.

-- +goose Up

-- A practice model of the council's. builtin is the key of the built-in model it started as (masoss or
-- three-conversations), whose id is that key too; '' for a model the council added. version counts its saves.
CREATE TABLE practice_model (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    builtin     TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "practice_model"}}
{{end}}

-- A model's headings as they stood at each of its versions: every save writes the whole list again under the new
-- version, and older versions are kept, because conversations recorded under them are read under them.
CREATE TABLE practice_model_heading (
    council_id    TEXT NOT NULL,
    model_id      TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    heading       TEXT NOT NULL,
    label         TEXT NOT NULL,
    prompt        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, model_id, model_version, heading),
    FOREIGN KEY (council_id, model_id) REFERENCES practice_model (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "practice_model_heading"}}
{{end}}

-- Each time the council chose its model: who, when and why. The latest is the council's model; none is MASOSS.
CREATE TABLE practice_model_choice (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    model_id   TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    chosen_at  {{timestamp}} NOT NULL,
    chosen_by  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, model_id) REFERENCES practice_model (council_id, id)
);
CREATE INDEX practice_model_choice_at ON practice_model_choice (council_id, chosen_at);
{{if postgres}}
{{wall "practice_model_choice"}}
{{end}}

-- The model a conversation was recorded under. Conversations recorded before practice models were MASOSS's, as its
-- first version (the headings that were in code) gives them. The index answers the network comparison's count of a
-- council's conversations by model over a period from the index alone (practicemodels.CountByModel).
ALTER TABLE conversation ADD COLUMN model_id TEXT NOT NULL DEFAULT 'masoss';
ALTER TABLE conversation ADD COLUMN model_version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX conversation_model ON conversation (council_id, held_on, model_id);

-- +goose Down
DROP INDEX conversation_model;
ALTER TABLE conversation DROP COLUMN model_version;
ALTER TABLE conversation DROP COLUMN model_id;
DROP TABLE practice_model_choice;
DROP TABLE practice_model_heading;
DROP TABLE practice_model;
