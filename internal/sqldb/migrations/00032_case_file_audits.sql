-- Case file audits: the council's audit tools, every version kept so that a round keeps the questions it was run
-- with; audit rounds such as Practice Fortnight, with how their sample was drawn (the seed makes it reproducible);
-- each audit of a sampled episode, with its grades and evidence, what the auditor found and the actions for the
-- practitioner, the practitioner's reflection, and a moderator's blind re-grading; and the read-only grants an
-- audit gives its auditor over the person's record while the round is open.

-- +goose Up

-- A version of an audit tool. definition holds its sections and questions (JSON); a tool that a round has used is
-- never changed, a change makes the next version under the same tool_key.
CREATE TABLE audit_tool (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    tool_key   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, tool_key, version)
);
{{if postgres}}
{{wall "audit_tool"}}
{{end}}

-- An audit round: a name, a period, the tool version, and how the sample was drawn. per_team is a number of
-- episodes a team, share_percent a share of each team's episodes (one of the two); stratify names what the sample
-- is spread across within a team; episodes audited in the exclude_months before the round are left out.
-- closed_at is set when the round closes, which ends its auditors' grants.
CREATE TABLE audit_round (
    council_id         TEXT NOT NULL,
    id                 TEXT NOT NULL,
    name               TEXT NOT NULL,
    tool_id            TEXT NOT NULL,
    starts_on          {{date}} NOT NULL,
    ends_on            {{date}} NOT NULL,
    per_team           INTEGER NOT NULL DEFAULT 0,
    share_percent      INTEGER NOT NULL DEFAULT 0,
    stratify           TEXT NOT NULL DEFAULT '',
    exclude_months     INTEGER NOT NULL DEFAULT 0,
    seed               INTEGER NOT NULL,
    not_own_team       BOOLEAN NOT NULL DEFAULT FALSE,
    moderation_percent INTEGER NOT NULL DEFAULT 0,
    closed_at          {{timestamp}},
    created_at         {{timestamp}} NOT NULL,
    created_by         TEXT NOT NULL DEFAULT '',
    updated_at         {{timestamp}} NOT NULL,
    updated_by         TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, tool_id) REFERENCES audit_tool (council_id, id)
);
{{if postgres}}
{{wall "audit_round"}}
{{end}}

-- One audit of one sampled episode: who audits it and by when, and the team and practitioner whose case it was
-- when it was sampled. moderator_id is set when it is drawn for moderation.
CREATE TABLE audit (
    council_id      TEXT NOT NULL,
    id              TEXT NOT NULL,
    round_id        TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    episode_id      TEXT NOT NULL,
    team_id         TEXT NOT NULL DEFAULT '',
    worker_id       TEXT NOT NULL DEFAULT '',
    auditor_id      TEXT NOT NULL,
    due_on          {{date}} NOT NULL,
    strengths_found TEXT NOT NULL DEFAULT '',
    learning        TEXT NOT NULL DEFAULT '',
    started_at      {{timestamp}},
    completed_at    {{timestamp}},
    reflection      TEXT NOT NULL DEFAULT '',
    reflected_at    {{timestamp}},
    moderator_id    TEXT NOT NULL DEFAULT '',
    moderated_at    {{timestamp}},
    moderation_note TEXT NOT NULL DEFAULT '',
    created_at      {{timestamp}} NOT NULL,
    updated_at      {{timestamp}} NOT NULL,
    updated_by      TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, round_id, episode_id),
    FOREIGN KEY (council_id, round_id) REFERENCES audit_round (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, auditor_id) REFERENCES staff (council_id, id)
);
CREATE INDEX audit_auditor ON audit (council_id, auditor_id);
CREATE INDEX audit_worker ON audit (council_id, worker_id);
CREATE INDEX audit_episode ON audit (council_id, episode_id);
{{if postgres}}
{{wall "audit"}}
{{end}}

-- A grade for one question of an audit with the auditor's evidence; by = 'auditor' or 'moderator', so that a
-- moderator's blind re-grading sits beside the auditor's and agreement can be counted.
CREATE TABLE audit_grade (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    graded_by  TEXT NOT NULL,
    question   TEXT NOT NULL,
    grade      TEXT NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, audit_id, graded_by, question),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "audit_grade"}}
{{end}}

-- An action the auditor agrees for the practitioner, by a date; done_on when the practitioner marks it done.
CREATE TABLE audit_action (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    what       TEXT NOT NULL,
    due_on     {{date}} NOT NULL,
    done_on    {{date}},
    PRIMARY KEY (council_id, audit_id, position),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "audit_action"}}
{{end}}

-- A read-only grant over a person's record that another area gives a member of staff for a purpose (reason, such
-- as 'case file audit') while what gave it (source_id, such as an audit) lasts. The access log gives the reason.
CREATE TABLE person_read_grant (
    council_id TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    PRIMARY KEY (council_id, source_id, person_id, staff_id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX person_read_grant_person ON person_read_grant (council_id, person_id, staff_id);
{{if postgres}}
{{wall "person_read_grant"}}
{{end}}

-- +goose Down
DROP TABLE person_read_grant;
DROP TABLE audit_action;
DROP TABLE audit_grade;
DROP TABLE audit;
DROP TABLE audit_round;
DROP TABLE audit_tool;
