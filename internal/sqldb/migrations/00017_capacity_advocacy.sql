-- Mental capacity and advocacy: capacity assessments (one specific decision at one time, the two-stage test with
-- evidence and the causal link, the result) and best-interests decisions (the s4 checklist item by item, the people
-- consulted, the options, and the outcomes the decision affects); an episode's advocacy needs records (the four
-- substantial difficulties, the appropriate person, the reg 4 exceptions, the processes covered) and referrals to
-- advocates. The required actions they raise live in the duty table. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

CREATE TABLE capacity_assessment (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    episode_id           TEXT NOT NULL,
    decision             TEXT NOT NULL,
    decision_type        TEXT NOT NULL,
    assessed_at          {{timestamp}} NOT NULL,
    impairment           TEXT NOT NULL,
    impairment_evidence  TEXT NOT NULL DEFAULT '',
    understand           TEXT NOT NULL,
    understand_evidence  TEXT NOT NULL DEFAULT '',
    retain               TEXT NOT NULL,
    retain_evidence      TEXT NOT NULL DEFAULT '',
    use_or_weigh         TEXT NOT NULL,
    use_or_weigh_evidence TEXT NOT NULL DEFAULT '',
    communicate          TEXT NOT NULL,
    communicate_evidence TEXT NOT NULL DEFAULT '',
    causal_link          TEXT NOT NULL DEFAULT '',
    causal_link_evidence TEXT NOT NULL DEFAULT '',
    support_given        TEXT NOT NULL DEFAULT '',
    result               TEXT NOT NULL,
    anyone_to_consult    TEXT NOT NULL DEFAULT '',
    consultees           TEXT NOT NULL DEFAULT '',
    mha_residence        TEXT NOT NULL DEFAULT '',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX capacity_assessment_episode ON capacity_assessment (council_id, episode_id, assessed_at);
{{if postgres}}
{{wall "capacity_assessment"}}
{{end}}

-- checklist, consultees and options are JSON documents: the checklist item by item, the people consulted, the
-- options considered. They are read and written only whole, with the decision.
CREATE TABLE best_interests (
    council_id          TEXT NOT NULL,
    id                  TEXT NOT NULL,
    person_id           TEXT NOT NULL,
    episode_id          TEXT NOT NULL,
    assessment_id       TEXT NOT NULL,
    checklist           TEXT NOT NULL,
    wishes              TEXT NOT NULL DEFAULT '',
    beliefs             TEXT NOT NULL DEFAULT '',
    other_factors       TEXT NOT NULL DEFAULT '',
    consultees          TEXT NOT NULL,
    no_consultee_reason TEXT NOT NULL DEFAULT '',
    options             TEXT NOT NULL,
    chosen              INTEGER NOT NULL,
    chosen_why          TEXT NOT NULL DEFAULT '',
    decision            TEXT NOT NULL,
    decided_by          TEXT NOT NULL,
    decided_on          {{date}} NOT NULL,
    created_at          {{timestamp}} NOT NULL,
    created_by          TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, assessment_id) REFERENCES capacity_assessment (council_id, id)
);
CREATE INDEX best_interests_episode ON best_interests (council_id, episode_id, decided_on);
CREATE INDEX best_interests_assessment ON best_interests (council_id, assessment_id);
{{if postgres}}
{{wall "best_interests"}}
{{end}}

-- The outcomes a best-interests decision affects, for the golden thread.
CREATE TABLE best_interests_outcome (
    council_id        TEXT NOT NULL,
    best_interests_id TEXT NOT NULL,
    outcome_id        TEXT NOT NULL,
    PRIMARY KEY (council_id, best_interests_id, outcome_id),
    FOREIGN KEY (council_id, best_interests_id) REFERENCES best_interests (council_id, id),
    FOREIGN KEY (council_id, outcome_id) REFERENCES outcome (council_id, id)
);
CREATE INDEX best_interests_outcome_outcome ON best_interests_outcome (council_id, outcome_id);
{{if postgres}}
{{wall "best_interests_outcome"}}
{{end}}

-- An episode's advocacy needs record. Each difficulty is 'yes' or 'no' with its evidence; passes is the appropriate
-- person's checks passed and processes the processes covered, each a comma-separated list of codes. A new record
-- replaces the latest (replaces), which it must name, so two people recording at once do not silently cross.
CREATE TABLE advocacy_needs (
    council_id             TEXT NOT NULL,
    id                     TEXT NOT NULL,
    person_id              TEXT NOT NULL,
    episode_id             TEXT NOT NULL,
    understanding          TEXT NOT NULL,
    understanding_evidence TEXT NOT NULL DEFAULT '',
    retaining              TEXT NOT NULL,
    retaining_evidence     TEXT NOT NULL DEFAULT '',
    using_weighing         TEXT NOT NULL,
    using_weighing_evidence TEXT NOT NULL DEFAULT '',
    communicating          TEXT NOT NULL,
    communicating_evidence TEXT NOT NULL DEFAULT '',
    no_appropriate_person  BOOLEAN NOT NULL,
    person_name            TEXT NOT NULL DEFAULT '',
    relationship           TEXT NOT NULL DEFAULT '',
    passes                 TEXT NOT NULL DEFAULT '',
    nhs_accommodation      BOOLEAN NOT NULL DEFAULT FALSE,
    disagreement           BOOLEAN NOT NULL DEFAULT FALSE,
    processes              TEXT NOT NULL,
    notes                  TEXT NOT NULL DEFAULT '',
    recorded_on            {{date}} NOT NULL,
    replaces               TEXT NOT NULL DEFAULT '',
    created_at             {{timestamp}} NOT NULL,
    created_by             TEXT NOT NULL DEFAULT '',
    version                INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX advocacy_needs_episode ON advocacy_needs (council_id, episode_id, created_at);
CREATE INDEX advocacy_needs_person ON advocacy_needs (council_id, person_id, created_at);
{{if postgres}}
{{wall "advocacy_needs"}}
{{end}}

-- A referral to an independent advocate (a Care Act advocate or an IMCA), and the required action it met, if any.
CREATE TABLE advocacy_referral (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    episode_id           TEXT NOT NULL,
    advocate_type        TEXT NOT NULL,
    provider             TEXT NOT NULL,
    directory_service_id TEXT NOT NULL DEFAULT '',
    advocate_name        TEXT NOT NULL DEFAULT '',
    referred_on          {{date}} NOT NULL,
    allocated_on         {{date}},
    outcome              TEXT NOT NULL DEFAULT '',
    duty_kind            TEXT NOT NULL DEFAULT '',
    duty_subject         TEXT NOT NULL DEFAULT '',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL DEFAULT '',
    updated_at           {{timestamp}} NOT NULL,
    updated_by           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX advocacy_referral_episode ON advocacy_referral (council_id, episode_id, referred_on);
{{if postgres}}
{{wall "advocacy_referral"}}
{{end}}

-- +goose Down
DROP TABLE advocacy_referral;
DROP TABLE advocacy_needs;
DROP TABLE best_interests_outcome;
DROP TABLE best_interests;
DROP TABLE capacity_assessment;
