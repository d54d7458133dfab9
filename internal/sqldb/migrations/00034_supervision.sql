-- Strengths-based supervision: the council's policy for how often staff are supervised (by role, with a person's own
-- frequency where it differs, such as six-weekly for experienced staff); each session's record, what has gone well
-- first, then the cases discussed (each linked to a person, whose chronology shows it), the supervisee's wellbeing,
-- learning and reflection, and the actions agreed, carried into the next session; and the supervisee's agreement.

-- +goose Up

-- How often staff are supervised, in weeks: scope 'role' with scope_id a role name, or 'staff' with a member of
-- staff's id, which comes before their role's.
CREATE TABLE supervision_policy (
    council_id  TEXT NOT NULL,
    scope       TEXT NOT NULL,
    scope_id    TEXT NOT NULL,
    every_weeks INTEGER NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, scope, scope_id)
);
{{if postgres}}
{{wall "supervision_policy"}}
{{end}}

-- A supervision session. went_well is required and comes first. wellbeing, learning and reflection are personal:
-- only the two of them, and a quality lead auditing supervision, see them. agreed_at and comment are the
-- supervisee's agreement.
CREATE TABLE supervision (
    council_id    TEXT NOT NULL,
    id            TEXT NOT NULL,
    supervisor_id TEXT NOT NULL,
    supervisee_id TEXT NOT NULL,
    held_on       {{date}} NOT NULL,
    kind          TEXT NOT NULL,
    went_well     TEXT NOT NULL,
    wellbeing     TEXT NOT NULL DEFAULT '',
    learning      TEXT NOT NULL DEFAULT '',
    reflection    TEXT NOT NULL DEFAULT '',
    agreed_at     {{timestamp}},
    comment       TEXT NOT NULL DEFAULT '',
    created_at    {{timestamp}} NOT NULL,
    updated_at    {{timestamp}} NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, supervisor_id) REFERENCES staff (council_id, id),
    FOREIGN KEY (council_id, supervisee_id) REFERENCES staff (council_id, id)
);
CREATE INDEX supervision_supervisee ON supervision (council_id, supervisee_id, held_on);
CREATE INDEX supervision_supervisor ON supervision (council_id, supervisor_id, held_on);
{{if postgres}}
{{wall "supervision"}}
{{end}}

-- A case discussed in supervision: the person, what was discussed and what was decided, with why.
CREATE TABLE supervision_case (
    council_id     TEXT NOT NULL,
    supervision_id TEXT NOT NULL,
    position       INTEGER NOT NULL,
    person_id      TEXT NOT NULL,
    discussion     TEXT NOT NULL,
    decision       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, supervision_id, position),
    FOREIGN KEY (council_id, supervision_id) REFERENCES supervision (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX supervision_case_person ON supervision_case (council_id, person_id);
{{if postgres}}
{{wall "supervision_case"}}
{{end}}

-- An action agreed in supervision, with its owner and date; done_on once it is done, until then carried into the
-- next session.
CREATE TABLE supervision_action (
    council_id     TEXT NOT NULL,
    supervision_id TEXT NOT NULL,
    position       INTEGER NOT NULL,
    what           TEXT NOT NULL,
    owner          TEXT NOT NULL DEFAULT '',
    due_on         {{date}} NOT NULL,
    done_on        {{date}},
    PRIMARY KEY (council_id, supervision_id, position),
    FOREIGN KEY (council_id, supervision_id) REFERENCES supervision (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "supervision_action"}}
{{end}}

-- +goose Down
DROP TABLE supervision_action;
DROP TABLE supervision_case;
DROP TABLE supervision;
DROP TABLE supervision_policy;
