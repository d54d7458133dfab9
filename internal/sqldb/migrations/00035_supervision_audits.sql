-- Supervision records sampled into an audit round: an audit is of a sampled episode (person_id and episode_id) or of
-- a supervision session (supervision_id), never both, so that a round run with the supervision audit tool grades
-- supervision with the same grades, actions, reflection and moderation as a case file audit. PostgreSQL changes the
-- table in place; SQLite, which cannot loosen NOT NULL, builds the audit tables again and copies every row.

-- +goose Up
{{if postgres}}
ALTER TABLE audit ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE audit ALTER COLUMN episode_id DROP NOT NULL;
ALTER TABLE audit ADD COLUMN supervision_id TEXT;
ALTER TABLE audit ADD UNIQUE (council_id, round_id, supervision_id);
ALTER TABLE audit ADD FOREIGN KEY (council_id, supervision_id) REFERENCES supervision (council_id, id);
ALTER TABLE audit ADD CHECK ((episode_id IS NULL) <> (supervision_id IS NULL));
CREATE INDEX audit_supervision ON audit (council_id, supervision_id);
{{else}}
CREATE TABLE audit_rebuilt (
    council_id      TEXT NOT NULL,
    id              TEXT NOT NULL,
    round_id        TEXT NOT NULL,
    person_id       TEXT,
    episode_id      TEXT,
    team_id         TEXT NOT NULL DEFAULT '',
    worker_id       TEXT NOT NULL DEFAULT '',
    auditor_id      TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    strengths_found TEXT NOT NULL DEFAULT '',
    learning        TEXT NOT NULL DEFAULT '',
    started_at      TIMESTAMP,
    completed_at    TIMESTAMP,
    reflection      TEXT NOT NULL DEFAULT '',
    reflected_at    TIMESTAMP,
    moderator_id    TEXT NOT NULL DEFAULT '',
    moderated_at    TIMESTAMP,
    moderation_note TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    updated_by      TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    supervision_id  TEXT,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, round_id, episode_id),
    UNIQUE (council_id, round_id, supervision_id),
    FOREIGN KEY (council_id, round_id) REFERENCES audit_round (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, auditor_id) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, supervision_id) REFERENCES supervision (council_id, id),
    CHECK ((episode_id IS NULL) <> (supervision_id IS NULL))
);
INSERT INTO audit_rebuilt (council_id, id, round_id, person_id, episode_id, team_id, worker_id, auditor_id, due_on, strengths_found,
    learning, started_at, completed_at, reflection, reflected_at, moderator_id, moderated_at, moderation_note, created_at, updated_at,
    updated_by, version)
SELECT council_id, id, round_id, person_id, episode_id, team_id, worker_id, auditor_id, due_on, strengths_found,
    learning, started_at, completed_at, reflection, reflected_at, moderator_id, moderated_at, moderation_note, created_at, updated_at,
    updated_by, version FROM audit;

-- The tables that refer to audit are built again referring to the new table, which the renaming below follows.
CREATE TABLE audit_grade_rebuilt (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    graded_by  TEXT NOT NULL,
    question   TEXT NOT NULL,
    grade      TEXT NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, audit_id, graded_by, question),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit_rebuilt (council_id, id) ON DELETE CASCADE
);
INSERT INTO audit_grade_rebuilt SELECT council_id, audit_id, graded_by, question, grade, evidence FROM audit_grade;
CREATE TABLE audit_action_rebuilt (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    what       TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    done_on    TEXT,
    PRIMARY KEY (council_id, audit_id, position),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit_rebuilt (council_id, id) ON DELETE CASCADE
);
INSERT INTO audit_action_rebuilt SELECT council_id, audit_id, position, what, due_on, done_on FROM audit_action;
CREATE TABLE audit_check_rebuilt (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    check_key  TEXT NOT NULL,
    result     TEXT NOT NULL,
    summary    TEXT NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (council_id, audit_id, check_key),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit_rebuilt (council_id, id) ON DELETE CASCADE
);
INSERT INTO audit_check_rebuilt SELECT council_id, audit_id, position, check_key, result, summary, evidence FROM audit_check;

-- The old tables go, the tables that refer to audit first so that dropping it deletes nothing they hold.
DROP TABLE audit_check;
DROP TABLE audit_action;
DROP TABLE audit_grade;
DROP TABLE audit;
ALTER TABLE audit_rebuilt RENAME TO audit;
ALTER TABLE audit_grade_rebuilt RENAME TO audit_grade;
ALTER TABLE audit_action_rebuilt RENAME TO audit_action;
ALTER TABLE audit_check_rebuilt RENAME TO audit_check;
CREATE INDEX audit_auditor ON audit (council_id, auditor_id);
CREATE INDEX audit_worker ON audit (council_id, worker_id);
CREATE INDEX audit_episode ON audit (council_id, episode_id);
CREATE INDEX audit_supervision ON audit (council_id, supervision_id);
{{end}}

-- +goose Down
{{if postgres}}
DROP INDEX audit_supervision;
ALTER TABLE audit DROP COLUMN supervision_id;
ALTER TABLE audit ALTER COLUMN person_id SET NOT NULL;
ALTER TABLE audit ALTER COLUMN episode_id SET NOT NULL;
{{else}}
DROP INDEX audit_supervision;
{{end}}
