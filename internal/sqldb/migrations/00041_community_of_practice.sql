-- The community of practice: practitioner network events (a team's or service-wide, on a topic such as Making
-- Safeguarding Personal or the strengths-based approach) with who attended and what was shared and agreed; and the
-- library of good practice, short anonymised practice stories that a quality lead drafts and publishes, with tags.

-- +goose Up

-- A network event. team_id is '' for a service-wide event; topic is one of msp, strengths, mca or other (with
-- topic_other saying what). online is true for an event held online, when place may be empty.
CREATE TABLE network_event (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    title       TEXT NOT NULL,
    team_id     TEXT NOT NULL DEFAULT '',
    topic       TEXT NOT NULL,
    topic_other TEXT NOT NULL DEFAULT '',
    held_on     {{date}} NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    online      BOOLEAN NOT NULL DEFAULT FALSE,
    shared      TEXT NOT NULL DEFAULT '',
    agreed      TEXT NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
CREATE INDEX network_event_held ON network_event (council_id, held_on);
{{if postgres}}
{{wall "network_event"}}
{{end}}

-- A member of the council's staff who attended a network event.
CREATE TABLE network_attendee (
    council_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, event_id, staff_id),
    FOREIGN KEY (council_id, event_id) REFERENCES network_event (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
{{if postgres}}
{{wall "network_attendee"}}
{{end}}

-- A practice story in the library of good practice. audit_id is the case file audit graded Outstanding it was
-- written from, or '' for a story written fresh; readers never see it. published_at is set when a quality lead
-- publishes it, after the story checker finds no personal details; until then it is a draft. tags holds the
-- normalised tags joined by commas, as the form shows them; practice_story_tag holds them for searching.
CREATE TABLE practice_story (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    title        TEXT NOT NULL,
    story        TEXT NOT NULL,
    why_good     TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '',
    audit_id     TEXT NOT NULL DEFAULT '',
    published_at {{timestamp}},
    published_by TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "practice_story"}}
{{end}}

-- One row per tag of a story, so that searching by tag is an index range.
CREATE TABLE practice_story_tag (
    council_id TEXT NOT NULL,
    tag        TEXT NOT NULL,
    story_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, tag, story_id),
    FOREIGN KEY (council_id, story_id) REFERENCES practice_story (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "practice_story_tag"}}
{{end}}

-- +goose Down
DROP TABLE practice_story_tag;
DROP TABLE practice_story;
DROP TABLE network_attendee;
DROP TABLE network_event;
