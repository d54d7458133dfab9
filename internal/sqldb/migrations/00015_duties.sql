-- Required actions ("duties"): dated actions the law or the council's practice sets, open until met, which the
-- caseload, the team's list and the person's page show. Each domain raises and meets its own in the transaction
-- that makes the change. Also the council's settings for safeguarding, crisis and advocacy.
-- The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

-- The roles that may see safeguarding records, as role names joined by commas.
ALTER TABLE council ADD COLUMN safeguarding_roles TEXT NOT NULL DEFAULT 'team_manager,quality_lead';
-- Days from a safeguarding concern to the section 42 decision.
ALTER TABLE council ADD COLUMN section42_decision_days INTEGER NOT NULL DEFAULT 2;
-- Hours from marking an episode as crisis to its early review.
ALTER TABLE council ADD COLUMN crisis_review_hours INTEGER NOT NULL DEFAULT 72;
-- Days to arrange an independent advocate or IMCA, or record the lawful reason not to.
ALTER TABLE council ADD COLUMN advocacy_action_days INTEGER NOT NULL DEFAULT 5;

CREATE TABLE duty (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    episode_id TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reason     TEXT NOT NULL,
    path       TEXT NOT NULL DEFAULT '',
    raised_at  {{timestamp}} NOT NULL,
    raised_by  TEXT NOT NULL DEFAULT '',
    due_at     {{timestamp}} NOT NULL,
    met_at     {{timestamp}},
    met_how    TEXT NOT NULL DEFAULT '',
    met_note   TEXT NOT NULL DEFAULT '',
    met_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
-- At most one open duty of a kind for the record that raised it.
CREATE UNIQUE INDEX duty_open_subject ON duty (council_id, kind, subject_id) WHERE met_at IS NULL;
CREATE INDEX duty_person ON duty (council_id, person_id, due_at) WHERE met_at IS NULL;
CREATE INDEX duty_subject ON duty (council_id, subject_id);

{{if postgres}}
-- The second wall: a transaction sees and writes only the rows of the council it has set.
{{wall "duty"}}

{{end}}
-- +goose Down
DROP TABLE duty;
ALTER TABLE council DROP COLUMN advocacy_action_days;
ALTER TABLE council DROP COLUMN crisis_review_hours;
ALTER TABLE council DROP COLUMN section42_decision_days;
ALTER TABLE council DROP COLUMN safeguarding_roles;
