-- Safeguarding adults (Care Act 2014 s42) with Making Safeguarding Personal: concerns with their categories,
-- locations and sources of risk from the Safeguarding Adults Collection lists; the section 42 decision against its
-- three criteria; enquiries with the people involved, their dated steps, the person's desired outcomes in their
-- words and whether each was achieved, and the closing SAC results. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

-- A concern about an adult. raised_by_staff is set when a member of staff raised it; otherwise raiser_name (and a
-- relationship or organisation) names who did. The decision columns are empty until the section 42 decision is
-- made: each criterion 'yes' or 'no' with its reason, and the result 'section42', 'other' or 'none'.
CREATE TABLE safeguarding_concern (
    council_id            TEXT NOT NULL,
    id                    TEXT NOT NULL,
    person_id             TEXT NOT NULL,
    raised_by_staff       TEXT NOT NULL DEFAULT '',
    raiser_name           TEXT NOT NULL DEFAULT '',
    raiser_relationship   TEXT NOT NULL DEFAULT '',
    raiser_organisation   TEXT NOT NULL DEFAULT '',
    received_at           {{timestamp}} NOT NULL,
    what_happened         TEXT NOT NULL,
    immediate_actions     TEXT NOT NULL DEFAULT '',
    decision_due_at       {{timestamp}} NOT NULL,
    needs_met             TEXT NOT NULL DEFAULT '',
    needs_reason          TEXT NOT NULL DEFAULT '',
    abuse_met             TEXT NOT NULL DEFAULT '',
    abuse_reason          TEXT NOT NULL DEFAULT '',
    unable_met            TEXT NOT NULL DEFAULT '',
    unable_reason         TEXT NOT NULL DEFAULT '',
    decision              TEXT NOT NULL DEFAULT '',
    decision_reason       TEXT NOT NULL DEFAULT '',
    decided_at            {{timestamp}},
    decided_by            TEXT NOT NULL DEFAULT '',
    created_at            {{timestamp}} NOT NULL,
    created_by            TEXT NOT NULL DEFAULT '',
    updated_at            {{timestamp}} NOT NULL,
    updated_by            TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX safeguarding_concern_person ON safeguarding_concern (council_id, person_id, received_at);
CREATE INDEX safeguarding_concern_received ON safeguarding_concern (council_id, received_at);
CREATE INDEX safeguarding_concern_open ON safeguarding_concern (council_id, decision, decision_due_at);

-- A concern's codes from the SAC lists: list is 'type', 'location' or 'source', value the list's exact label.
CREATE TABLE safeguarding_code (
    council_id TEXT NOT NULL,
    concern_id TEXT NOT NULL,
    list       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (council_id, concern_id, list, value),
    FOREIGN KEY (council_id, concern_id) REFERENCES safeguarding_concern (council_id, id)
);

-- An enquiry, section 42 ('section42') or other ('other'), one for a concern. msp_asked is the SG4a answer at the
-- start; the closing columns are empty until it closes.
CREATE TABLE safeguarding_enquiry (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    concern_id     TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    lead_staff     TEXT NOT NULL,
    started_on     {{date}} NOT NULL,
    msp_asked      TEXT NOT NULL DEFAULT '',
    msp_asked_on   {{date}},
    closed_on      {{date}},
    action_result  TEXT NOT NULL DEFAULT '',
    risk_outcome   TEXT NOT NULL DEFAULT '',
    risk_reason    TEXT NOT NULL DEFAULT '',
    capacity       TEXT NOT NULL DEFAULT '',
    closing_note   TEXT NOT NULL DEFAULT '',
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    updated_at     {{timestamp}} NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, concern_id),
    FOREIGN KEY (council_id, concern_id) REFERENCES safeguarding_concern (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX safeguarding_enquiry_started ON safeguarding_enquiry (council_id, started_on);
CREATE INDEX safeguarding_enquiry_closed ON safeguarding_enquiry (council_id, closed_on);
CREATE INDEX safeguarding_enquiry_person ON safeguarding_enquiry (council_id, person_id);

-- Making Safeguarding Personal: each outcome the person wants, in their words, and at the end whether it was
-- 'Fully Achieved', 'Partially Achieved' or 'Not Achieved'.
CREATE TABLE safeguarding_outcome (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    enquiry_id TEXT NOT NULL,
    position   INTEGER NOT NULL,
    words      TEXT NOT NULL,
    achieved   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, enquiry_id) REFERENCES safeguarding_enquiry (council_id, id)
);
CREATE INDEX safeguarding_outcome_enquiry ON safeguarding_outcome (council_id, enquiry_id, position);

-- The people involved in an enquiry and their part in it.
CREATE TABLE safeguarding_involved (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    enquiry_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, enquiry_id) REFERENCES safeguarding_enquiry (council_id, id)
);
CREATE INDEX safeguarding_involved_enquiry ON safeguarding_involved (council_id, enquiry_id);

-- An enquiry's dated steps: what was done, and by whom.
CREATE TABLE safeguarding_step (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    enquiry_id TEXT NOT NULL,
    taken_on   {{date}} NOT NULL,
    what       TEXT NOT NULL,
    taken_by   TEXT NOT NULL,
    staff_id   TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, enquiry_id) REFERENCES safeguarding_enquiry (council_id, id)
);
CREATE INDEX safeguarding_step_enquiry ON safeguarding_step (council_id, enquiry_id, taken_on);
{{if postgres}}

{{wall "safeguarding_concern"}}
{{wall "safeguarding_code"}}
{{wall "safeguarding_enquiry"}}
{{wall "safeguarding_outcome"}}
{{wall "safeguarding_involved"}}
{{wall "safeguarding_step"}}
{{end}}

-- +goose Down
DROP TABLE safeguarding_step;
DROP TABLE safeguarding_involved;
DROP TABLE safeguarding_outcome;
DROP TABLE safeguarding_enquiry;
DROP TABLE safeguarding_code;
DROP TABLE safeguarding_concern;
