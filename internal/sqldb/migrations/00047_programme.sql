-- The implementation programme: one per council, run through four phases (discover, dream, design, deliver), in
-- workstreams, with milestones (their status and RAG kept as history), an action plan, a risk log (each re-score
-- kept, so that a risk's trend can be worked out) and a log of decisions and issues.
--
-- Nothing here stores what can be worked out: whether a phase, milestone or action is late or overdue comes from its
-- dates and status; a risk's score is likelihood × impact and its band and trend come from the score and its
-- reviews.

-- +goose Up

-- The council's programme. lead_staff_id is the member of staff who leads it ('' until one is named); board is the
-- name of the board that approves it (the Programme Board, say); started_on is the day it started, from which a
-- milestone template's dates are counted.
CREATE TABLE programme (
    council_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    aim           TEXT NOT NULL DEFAULT '',
    lead_staff_id TEXT NOT NULL DEFAULT '',
    board         TEXT NOT NULL DEFAULT '',
    started_on    {{date}} NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    {{timestamp}} NOT NULL,
    created_by    TEXT NOT NULL DEFAULT '',
    updated_at    {{timestamp}} NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id)
);
{{if postgres}}
{{wall "programme"}}
{{end}}

-- One of the programme's four phases: phase is discover, dream, design or deliver. status is not_started,
-- under_way or done; a phase is late when its planned end has passed and it is not done, which is never stored.
-- findings says what the phase found or decided.
CREATE TABLE programme_phase (
    council_id    TEXT NOT NULL,
    phase         TEXT NOT NULL,
    planned_start {{date}},
    planned_end   {{date}},
    status        TEXT NOT NULL DEFAULT 'not_started',
    findings      TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    updated_at    {{timestamp}} NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, phase),
    FOREIGN KEY (council_id) REFERENCES programme (council_id)
);
{{if postgres}}
{{wall "programme_phase"}}
{{end}}

-- A workstream. standard names one of the three every programme starts with (practice, processes, culture) so that
-- the milestone template finds it whatever the council renames it; '' for a council's own. position orders them.
CREATE TABLE programme_workstream (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    aim        TEXT NOT NULL DEFAULT '',
    standard   TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id) REFERENCES programme (council_id)
);
{{if postgres}}
{{wall "programme_workstream"}}
{{end}}

-- A milestone. due_on is NULL while its date is to be confirmed. status is not_started, in_progress or done; rag is
-- green, amber or red, with rag_reason required when amber or red. completed_on is the day it was done. phase is the
-- phase it belongs to ('' when none is said). template is
-- the key of the milestone template entry it was loaded from ('' when added by hand), unique so that loading the
-- template twice adds nothing the second time.
CREATE TABLE programme_milestone (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    title          TEXT NOT NULL,
    workstream_id  TEXT NOT NULL,
    due_on         {{date}},
    owner_staff_id TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'not_started',
    rag            TEXT NOT NULL DEFAULT 'green',
    rag_reason     TEXT NOT NULL DEFAULT '',
    completed_on   {{date}},
    notes          TEXT NOT NULL DEFAULT '',
    phase          TEXT NOT NULL DEFAULT '',
    template       TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    updated_at     {{timestamp}} NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, workstream_id) REFERENCES programme_workstream (council_id, id),
    FOREIGN KEY (council_id, owner_staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX programme_milestone_due ON programme_milestone (council_id, due_on);
CREATE UNIQUE INDEX programme_milestone_template ON programme_milestone (council_id, template) WHERE template <> '';
{{if postgres}}
{{wall "programme_milestone"}}
{{end}}

-- Every change to a milestone's status or RAG, as it was made: the board report's "what changed since the last
-- report". The first row of a milestone has from_status and from_rag ''.
CREATE TABLE programme_milestone_change (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    changed_at   {{timestamp}} NOT NULL,
    changed_by   TEXT NOT NULL DEFAULT '',
    from_status  TEXT NOT NULL DEFAULT '',
    to_status    TEXT NOT NULL,
    from_rag     TEXT NOT NULL DEFAULT '',
    to_rag       TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, milestone_id) REFERENCES programme_milestone (council_id, id) ON DELETE CASCADE
);
CREATE INDEX programme_milestone_change_at ON programme_milestone_change (council_id, changed_at);
CREATE INDEX programme_milestone_change_milestone ON programme_milestone_change (council_id, milestone_id, changed_at);
{{if postgres}}
{{wall "programme_milestone_change"}}
{{end}}

-- Evidence that a milestone was met. kind is document (a file, kept here so that a backup holds it), url, audit_round
-- (ref is an audit round's id) or measure (ref is a measure's id in the insight catalogue). name, media_type, size
-- and content are a document's; content is NULL for the other kinds.
CREATE TABLE programme_evidence (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    ref          TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',
    media_type   TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    content      {{bytes}},
    added_at     {{timestamp}} NOT NULL,
    added_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, milestone_id) REFERENCES programme_milestone (council_id, id) ON DELETE CASCADE
);
CREATE INDEX programme_evidence_milestone ON programme_evidence (council_id, milestone_id);
{{if postgres}}
{{wall "programme_evidence"}}
{{end}}

-- An action in the action plan: what, who (owner_staff_id), by when (due_on), how. status is not_started,
-- in_progress, done or blocked; an action is overdue when due_on has passed and it is not done. milestone_id is ''
-- when the action is not linked to a milestone.
CREATE TABLE programme_action (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    what           TEXT NOT NULL,
    owner_staff_id TEXT NOT NULL,
    due_on         {{date}} NOT NULL,
    how            TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'not_started',
    milestone_id   TEXT NOT NULL DEFAULT '',
    completed_on   {{date}},
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    updated_at     {{timestamp}} NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, owner_staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX programme_action_due ON programme_action (council_id, due_on);
CREATE INDEX programme_action_milestone ON programme_action (council_id, milestone_id);
{{if postgres}}
{{wall "programme_action"}}
{{end}}

-- A risk in the risk log. likelihood and impact are 1 to 5, as last scored; the score, its band and the trend are
-- worked out from them and from programme_risk_review. status is open or closed.
CREATE TABLE programme_risk (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    title          TEXT NOT NULL,
    cause          TEXT NOT NULL DEFAULT '',
    effect         TEXT NOT NULL DEFAULT '',
    likelihood     INTEGER NOT NULL,
    impact         INTEGER NOT NULL,
    owner_staff_id TEXT NOT NULL,
    mitigation     TEXT NOT NULL DEFAULT '',
    review_on      {{date}} NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    updated_at     {{timestamp}} NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, owner_staff_id) REFERENCES staff (council_id, id)
);
{{if postgres}}
{{wall "programme_risk"}}
{{end}}

-- Each scoring of a risk, the first when it was logged: the trend compares the last two.
CREATE TABLE programme_risk_review (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    risk_id     TEXT NOT NULL,
    reviewed_at {{timestamp}} NOT NULL,
    reviewed_by TEXT NOT NULL DEFAULT '',
    likelihood  INTEGER NOT NULL,
    impact      INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, risk_id) REFERENCES programme_risk (council_id, id) ON DELETE CASCADE
);
CREATE INDEX programme_risk_review_risk ON programme_risk_review (council_id, risk_id, reviewed_at);
{{if postgres}}
{{wall "programme_risk_review"}}
{{end}}

-- The decisions and issues log. kind is decision_needed, decision_made or issue; raised_by names who raised it (a
-- member of staff or a partner, as typed); decider who decides (the Programme Board, say); decided_on the day it was
-- decided or resolved. status is open or closed.
CREATE TABLE programme_decision (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    what       TEXT NOT NULL,
    raised_by  TEXT NOT NULL DEFAULT '',
    raised_on  {{date}} NOT NULL,
    needed_by  {{date}},
    decider    TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL DEFAULT '',
    decided_on {{date}},
    status     TEXT NOT NULL DEFAULT 'open',
    version    INTEGER NOT NULL DEFAULT 1,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "programme_decision"}}
{{end}}

-- +goose Down
DROP TABLE programme_decision;
DROP TABLE programme_risk_review;
DROP TABLE programme_risk;
DROP TABLE programme_action;
DROP TABLE programme_evidence;
DROP TABLE programme_milestone_change;
DROP TABLE programme_milestone;
DROP TABLE programme_workstream;
DROP TABLE programme_phase;
DROP TABLE programme;
