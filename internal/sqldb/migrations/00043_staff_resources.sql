-- Staff resources: the named scenarios a quality lead uses to work out the staff each team needs for the practice
-- and supervision model. assumptions holds the scenario's times and allowances (JSON: minutes per activity,
-- supervision a month, the share of time with people, contracted hours, leave, training, span of supervision);
-- study_id, when set, is the practice study whose day-in-the-life diaries give the share of time with people
-- instead. The volumes are never stored: they are counted from the record each time.

-- +goose Up
CREATE TABLE workforce_scenario (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    study_id    TEXT NOT NULL DEFAULT '',
    assumptions TEXT NOT NULL,
    created_at  {{timestamp}} NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, name)
);
{{if postgres}}
{{wall "workforce_scenario"}}
{{end}}

-- The volumes count new contacts by the team of the episode each opened: this finds a contact's episode, which
-- otherwise means reading every episode of the council for each contact.
CREATE INDEX episode_contact ON episode (council_id, contact_id, team_id);

-- +goose Down
DROP INDEX episode_contact;
DROP TABLE workforce_scenario;
