-- The front door and community first: triage of contacts (a priority and a reason on the episode the contact
-- opened), check-ins with people waiting (contacts of kind 'check_in', linked to the episode they are about), the
-- council's check-in intervals by priority, and signposts to community directory services with their follow-up.
-- The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

-- Days between check-ins with a person waiting, by priority.
ALTER TABLE council ADD COLUMN checkin_urgent_days INTEGER NOT NULL DEFAULT 2;
ALTER TABLE council ADD COLUMN checkin_high_days INTEGER NOT NULL DEFAULT 7;
ALTER TABLE council ADD COLUMN checkin_routine_days INTEGER NOT NULL DEFAULT 14;

-- A contact is a first contact ('contact') or a check-in with someone waiting ('check_in', about episode_id).
ALTER TABLE contact ADD COLUMN kind TEXT NOT NULL DEFAULT 'contact';
ALTER TABLE contact ADD COLUMN episode_id TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN priority TEXT NOT NULL DEFAULT '';
CREATE INDEX contact_episode ON contact (council_id, episode_id, contacted_on);

-- Triage: how soon the work must start, and why. Empty until triaged.
ALTER TABLE episode ADD COLUMN priority TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN triage_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN triaged_on {{date}};
CREATE INDEX episode_priority ON episode (council_id, result, priority);

-- A signpost or referral to a community directory service, from an episode and the outcome it serves, with its
-- follow-up: did it help, and why.
CREATE TABLE signpost (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    episode_id           TEXT NOT NULL,
    outcome_id           TEXT NOT NULL DEFAULT '',
    solution_id          TEXT NOT NULL DEFAULT '',
    directory_service_id TEXT NOT NULL,
    signposted_on        {{date}} NOT NULL,
    what_shared          TEXT NOT NULL DEFAULT '',
    shared_how           TEXT NOT NULL DEFAULT '',
    referred             BOOLEAN NOT NULL DEFAULT FALSE,
    consent              BOOLEAN NOT NULL DEFAULT FALSE,
    follow_up_on         {{date}},
    followed_up_on       {{date}},
    follow_up_result     TEXT NOT NULL DEFAULT '',
    follow_up_note       TEXT NOT NULL DEFAULT '',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL DEFAULT '',
    updated_at           {{timestamp}} NOT NULL,
    updated_by           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX signpost_episode ON signpost (council_id, episode_id);
CREATE INDEX signpost_service ON signpost (council_id, directory_service_id);
{{if postgres}}
{{wall "signpost"}}
{{end}}

-- +goose Down
DROP TABLE signpost;
DROP INDEX episode_priority;
ALTER TABLE episode DROP COLUMN triaged_on;
ALTER TABLE episode DROP COLUMN triage_reason;
ALTER TABLE episode DROP COLUMN priority;
DROP INDEX contact_episode;
ALTER TABLE contact DROP COLUMN priority;
ALTER TABLE contact DROP COLUMN episode_id;
ALTER TABLE contact DROP COLUMN kind;
ALTER TABLE council DROP COLUMN checkin_routine_days;
ALTER TABLE council DROP COLUMN checkin_high_days;
ALTER TABLE council DROP COLUMN checkin_urgent_days;
