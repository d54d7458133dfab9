-- The practice study (seed 002, SCIE): a quality lead opens a study of some teams over a period and looks through four
-- windows (a day in the life, reflective learning sessions, lived experience and practice insight, the last read from
-- the record itself and so not stored here), ending in a case for change. Its state is worked out from its dates and
-- whether its case for change is agreed, never stored.

-- +goose Up

-- A study. managers_see_diaries says whether a team manager may read each practitioner's own diary (by default they
-- see only their teams' aggregates). agreed_at is when the quality lead agreed the case for change; version moves on
-- with every change to the study or its case for change.
CREATE TABLE practice_study (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    name                 TEXT NOT NULL,
    starts_on            {{date}} NOT NULL,
    ends_on              {{date}} NOT NULL,
    managers_see_diaries BOOLEAN NOT NULL DEFAULT FALSE,
    summary              TEXT NOT NULL DEFAULT '',
    agreed_at            {{timestamp}},
    agreed_by            TEXT NOT NULL DEFAULT '',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL,
    updated_at           {{timestamp}} NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "practice_study"}}
{{end}}

-- The teams a study looks at.
CREATE TABLE practice_study_team (
    council_id TEXT NOT NULL,
    study_id   TEXT NOT NULL,
    team_id    TEXT NOT NULL,
    PRIMARY KEY (council_id, study_id, team_id),
    FOREIGN KEY (council_id, study_id) REFERENCES practice_study (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, team_id) REFERENCES team (council_id, id)
);
{{if postgres}}
{{wall "practice_study_team"}}
{{end}}

-- A day of a practitioner's diary, counted for the team they kept it in.
CREATE TABLE practice_study_day (
    council_id TEXT NOT NULL,
    study_id   TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    day        {{date}} NOT NULL,
    team_id    TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, study_id, staff_id, day),
    FOREIGN KEY (council_id, study_id) REFERENCES practice_study (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX practice_study_day_team ON practice_study_day (council_id, study_id, team_id, staff_id);
{{if postgres}}
{{wall "practice_study_day"}}
{{end}}

-- An activity of a diary day: its kind, minutes and a short note. team_id is the day's, kept here so that the
-- results by team add up one table.
CREATE TABLE practice_study_activity (
    council_id TEXT NOT NULL,
    study_id   TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    day        {{date}} NOT NULL,
    position   INTEGER NOT NULL,
    team_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, study_id, staff_id, day, position),
    FOREIGN KEY (council_id, study_id, staff_id, day) REFERENCES practice_study_day (council_id, study_id, staff_id, day) ON DELETE CASCADE
);
CREATE INDEX practice_study_activity_team ON practice_study_activity (council_id, study_id, team_id, kind, minutes);
{{if postgres}}
{{wall "practice_study_activity"}}
{{end}}

-- A reflective learning session: when, the themes or cases discussed (without details that identify anyone) and
-- what was learnt.
CREATE TABLE practice_study_reflection (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    study_id   TEXT NOT NULL,
    held_on    {{date}} NOT NULL,
    themes     TEXT NOT NULL,
    learnt     TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, study_id) REFERENCES practice_study (council_id, id) ON DELETE CASCADE
);
CREATE INDEX practice_study_reflection_study ON practice_study_reflection (council_id, study_id, held_on);
{{if postgres}}
{{wall "practice_study_reflection"}}
{{end}}

-- The staff who took part in a reflective learning session.
CREATE TABLE practice_study_reflection_staff (
    council_id    TEXT NOT NULL,
    reflection_id TEXT NOT NULL,
    staff_id      TEXT NOT NULL,
    PRIMARY KEY (council_id, reflection_id, staff_id),
    FOREIGN KEY (council_id, reflection_id) REFERENCES practice_study_reflection (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
{{if postgres}}
{{wall "practice_study_reflection_staff"}}
{{end}}

-- An engagement with people who draw on support and carers: how, who in general terms, how and when their consent
-- was recorded (required), what they said in their own words, and its themes, one a line.
CREATE TABLE practice_study_engagement (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    study_id    TEXT NOT NULL,
    held_on     {{date}} NOT NULL,
    method      TEXT NOT NULL,
    who         TEXT NOT NULL,
    consent_how TEXT NOT NULL,
    consent_on  {{date}} NOT NULL,
    quotes      TEXT NOT NULL DEFAULT '',
    themes      TEXT NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, study_id) REFERENCES practice_study (council_id, id) ON DELETE CASCADE
);
CREATE INDEX practice_study_engagement_study ON practice_study_engagement (council_id, study_id, held_on);
{{if postgres}}
{{wall "practice_study_engagement"}}
{{end}}

-- The case for change: findings and recommendations under one of four headings, in order; a recommendation may name
-- the evidence it rests on (a window, a reflective session or an engagement).
CREATE TABLE practice_study_point (
    council_id TEXT NOT NULL,
    study_id   TEXT NOT NULL,
    heading    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, study_id, heading, position),
    FOREIGN KEY (council_id, study_id) REFERENCES practice_study (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "practice_study_point"}}
{{end}}

-- +goose Down
DROP TABLE practice_study_point;
DROP TABLE practice_study_engagement;
DROP TABLE practice_study_reflection_staff;
DROP TABLE practice_study_reflection;
DROP TABLE practice_study_activity;
DROP TABLE practice_study_day;
DROP TABLE practice_study_team;
DROP TABLE practice_study;
