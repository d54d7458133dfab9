-- The golden thread: contacts and episodes of work through the four steps, MASOSS conversations, strengths and
-- the network, aspirations, SMART outcomes with Goal Attainment Scaling, solutions on the least-intrusive ladder,
-- council-funded services and their authorisation, eligibility determinations, support plans, reviews, and each
-- person's chronology. Every tenant table leads its keys with council_id. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

-- The council's settings for the thread: the weekly cost above which a team manager authorises a service, and
-- when reviews fall due (the statutory guidance expects a first review 6 to 8 weeks after a plan is agreed, then
-- at least every 12 months).
ALTER TABLE council ADD COLUMN authorisation_threshold_pence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE council ADD COLUMN first_review_weeks INTEGER NOT NULL DEFAULT 8;
ALTER TABLE council ADD COLUMN regular_review_months INTEGER NOT NULL DEFAULT 12;

-- A contact at the front door: who got in touch, why, and what matters now. It opens an episode of work.
CREATE TABLE contact (
    council_id      TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    contacted_on    {{date}} NOT NULL,
    route_of_access TEXT NOT NULL,
    contact_by      TEXT NOT NULL DEFAULT '',
    contact_name    TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    what_matters    TEXT NOT NULL DEFAULT '',
    created_at      {{timestamp}} NOT NULL,
    created_by      TEXT NOT NULL DEFAULT '',
    updated_at      {{timestamp}} NOT NULL,
    updated_by      TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX contact_person ON contact (council_id, person_id, contacted_on);

-- One journey through the framework. It may end at any step; result is the Client Level Data event outcome, empty
-- while the episode is open.
CREATE TABLE episode (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    contact_id TEXT,
    opened_on  {{date}} NOT NULL,
    team_id    TEXT,
    worker_id  TEXT,
    result     TEXT NOT NULL DEFAULT '',
    ended_on   {{date}},
    ended_step INTEGER NOT NULL DEFAULT 0,
    end_note   TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, contact_id) REFERENCES contact (council_id, id),
    FOREIGN KEY (council_id, team_id) REFERENCES team (council_id, id),
    FOREIGN KEY (council_id, worker_id) REFERENCES staff (council_id, id)
);
CREATE INDEX episode_person ON episode (council_id, person_id, opened_on);
CREATE INDEX episode_worker ON episode (council_id, worker_id, result);
CREATE INDEX episode_team ON episode (council_id, team_id, result);

-- Each of the four steps of an episode: not started, in progress, completed, or not needed (with a reason).
CREATE TABLE episode_step (
    council_id TEXT NOT NULL,
    episode_id TEXT NOT NULL,
    step       INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'not_started',
    reason     TEXT NOT NULL DEFAULT '',
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, episode_id, step),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id) ON DELETE CASCADE
);

-- A conversation with the person, and how it happened.
CREATE TABLE conversation (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    episode_id   TEXT NOT NULL,
    step         INTEGER NOT NULL,
    held_on      {{date}} NOT NULL,
    method       TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    needed_help  BOOLEAN NOT NULL DEFAULT FALSE,
    help_note    TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX conversation_episode ON conversation (council_id, episode_id, held_on);

-- A conversation's sections under the practice model's headings (MASOSS by default): what the person said, in
-- their own words, kept apart from what the practitioner observed.
CREATE TABLE conversation_section (
    council_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    heading         TEXT NOT NULL,
    person_words    TEXT NOT NULL DEFAULT '',
    observed        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, conversation_id, heading),
    FOREIGN KEY (council_id, conversation_id) REFERENCES conversation (council_id, id) ON DELETE CASCADE
);

-- Strengths: personal, network, community or resources, in the person's words.
CREATE TABLE strength (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    episode_id   TEXT,
    kind         TEXT NOT NULL,
    person_words TEXT NOT NULL,
    observed     TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX strength_person ON strength (council_id, person_id);

-- The network drawn as an ecomap: a link to someone who matters (person_network) or to a community connection,
-- with how close it is, what support flows which way, and whether the link is strong, tenuous or stressful.
CREATE TABLE connection (
    council_id        TEXT NOT NULL,
    id                TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    network_member_id TEXT,
    name              TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL,
    closeness         INTEGER NOT NULL DEFAULT 2,
    support_given     TEXT NOT NULL DEFAULT '',
    support_received  TEXT NOT NULL DEFAULT '',
    link              TEXT NOT NULL DEFAULT 'strong',
    note              TEXT NOT NULL DEFAULT '',
    created_at        {{timestamp}} NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    updated_at        {{timestamp}} NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, network_member_id) REFERENCES person_network (council_id, id) ON DELETE CASCADE
);
CREATE INDEX connection_person ON connection (council_id, person_id);

-- Aspirations, short-term and long-term, in the person's words.
CREATE TABLE aspiration (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    episode_id   TEXT,
    term         TEXT NOT NULL,
    person_words TEXT NOT NULL,
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX aspiration_person ON aspiration (council_id, person_id);

-- SMART outcomes, the thread itself, with their Goal Attainment Scale written when the outcome is set.
-- wellbeing_areas and eligibility_outcomes hold code values, one per line.
CREATE TABLE outcome (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    episode_id           TEXT NOT NULL,
    aspiration_id        TEXT,
    different            TEXT NOT NULL,
    how_we_know          TEXT NOT NULL DEFAULT '',
    by_when              {{date}},
    who_involved         TEXT NOT NULL DEFAULT '',
    wellbeing_areas      TEXT NOT NULL DEFAULT '',
    eligibility_outcomes TEXT NOT NULL DEFAULT '',
    level_minus2         TEXT NOT NULL DEFAULT '',
    level_minus1         TEXT NOT NULL DEFAULT '',
    level_expected       TEXT NOT NULL DEFAULT '',
    level_plus1          TEXT NOT NULL DEFAULT '',
    level_plus2          TEXT NOT NULL DEFAULT '',
    baseline             INTEGER NOT NULL DEFAULT -1,
    importance           INTEGER NOT NULL DEFAULT 0,
    difficulty           INTEGER NOT NULL DEFAULT 0,
    status               TEXT NOT NULL DEFAULT 'draft',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL DEFAULT '',
    updated_at           {{timestamp}} NOT NULL,
    updated_by           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, aspiration_id) REFERENCES aspiration (council_id, id)
);
CREATE INDEX outcome_episode ON outcome (council_id, episode_id);
CREATE INDEX outcome_person ON outcome (council_id, person_id);

-- Solutions on the ladder, least intrusive first. A solution above information and advice says why the lower
-- rungs cannot meet its outcomes.
CREATE TABLE solution (
    council_id           TEXT NOT NULL,
    id                   TEXT NOT NULL,
    person_id            TEXT NOT NULL,
    episode_id           TEXT NOT NULL,
    rung                 TEXT NOT NULL,
    description          TEXT NOT NULL,
    who_when             TEXT NOT NULL DEFAULT '',
    directory_service_id TEXT NOT NULL DEFAULT '',
    lower_rungs_reason   TEXT NOT NULL DEFAULT '',
    created_at           {{timestamp}} NOT NULL,
    created_by           TEXT NOT NULL DEFAULT '',
    updated_at           {{timestamp}} NOT NULL,
    updated_by           TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX solution_episode ON solution (council_id, episode_id);

-- Which outcomes each solution serves (at least one).
CREATE TABLE solution_outcome (
    council_id  TEXT NOT NULL,
    solution_id TEXT NOT NULL,
    outcome_id  TEXT NOT NULL,
    PRIMARY KEY (council_id, solution_id, outcome_id),
    FOREIGN KEY (council_id, solution_id) REFERENCES solution (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, outcome_id) REFERENCES outcome (council_id, id) ON DELETE CASCADE
);
CREATE INDEX solution_outcome_outcome ON solution_outcome (council_id, outcome_id);

-- Council-funded services, short-term unless marked long-term with a reason. Money is in pence; units are
-- hundredths of a unit per cost frequency (7.5 hours a week is 750).
CREATE TABLE service (
    council_id         TEXT NOT NULL,
    id                 TEXT NOT NULL,
    person_id          TEXT NOT NULL,
    episode_id         TEXT NOT NULL,
    solution_id        TEXT,
    service_type       TEXT NOT NULL,
    component          TEXT NOT NULL DEFAULT '',
    delivery_mechanism TEXT NOT NULL DEFAULT '',
    provider           TEXT NOT NULL DEFAULT '',
    start_on           {{date}},
    end_on             {{date}},
    next_review_on     {{date}},
    long_term          BOOLEAN NOT NULL DEFAULT FALSE,
    long_term_reason   TEXT NOT NULL DEFAULT '',
    unit_cost_pence    BIGINT NOT NULL DEFAULT 0,
    cost_frequency     TEXT NOT NULL DEFAULT '',
    units_hundredths   BIGINT NOT NULL DEFAULT 0,
    weekly_cost_pence  BIGINT NOT NULL DEFAULT 0,
    status             TEXT NOT NULL DEFAULT 'requested',
    ended_reason       TEXT NOT NULL DEFAULT '',
    created_at         {{timestamp}} NOT NULL,
    created_by         TEXT NOT NULL DEFAULT '',
    updated_at         {{timestamp}} NOT NULL,
    updated_by         TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, solution_id) REFERENCES solution (council_id, id)
);
CREATE INDEX service_episode ON service (council_id, episode_id);
CREATE INDEX service_status ON service (council_id, status, end_on);

-- Which outcomes each service serves.
CREATE TABLE service_outcome (
    council_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    outcome_id TEXT NOT NULL,
    PRIMARY KEY (council_id, service_id, outcome_id),
    FOREIGN KEY (council_id, service_id) REFERENCES service (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, outcome_id) REFERENCES outcome (council_id, id) ON DELETE CASCADE
);
CREATE INDEX service_outcome_outcome ON service_outcome (council_id, outcome_id);

-- Requests for a team manager's authorisation of a service above the council's threshold, and the decisions.
CREATE TABLE authorisation (
    council_id        TEXT NOT NULL,
    id                TEXT NOT NULL,
    service_id        TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    weekly_cost_pence BIGINT NOT NULL,
    requested_by      TEXT NOT NULL,
    requested_at      {{timestamp}} NOT NULL,
    decision          TEXT NOT NULL DEFAULT '',
    decided_by        TEXT NOT NULL DEFAULT '',
    decided_at        {{timestamp}},
    reason            TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES service (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX authorisation_waiting ON authorisation (council_id, decision, requested_at);
CREATE INDEX authorisation_service ON authorisation (council_id, service_id);

-- Care Act eligibility determinations (adult or carer), with the answers, the computed result and its
-- explanation, and the practitioner's decision. outcome_answers holds one line per specified outcome.
CREATE TABLE eligibility (
    council_id          TEXT NOT NULL,
    id                  TEXT NOT NULL,
    person_id           TEXT NOT NULL,
    episode_id          TEXT NOT NULL,
    kind                TEXT NOT NULL,
    condition_one       BOOLEAN NOT NULL DEFAULT FALSE,
    health_deteriorating BOOLEAN NOT NULL DEFAULT FALSE,
    outcome_answers     TEXT NOT NULL DEFAULT '',
    significant_impact  BOOLEAN NOT NULL DEFAULT FALSE,
    impact_areas        TEXT NOT NULL DEFAULT '',
    computed_eligible   BOOLEAN NOT NULL DEFAULT FALSE,
    explanation         TEXT NOT NULL DEFAULT '',
    agrees              BOOLEAN NOT NULL DEFAULT TRUE,
    disagreement_reason TEXT NOT NULL DEFAULT '',
    eligible            BOOLEAN NOT NULL DEFAULT FALSE,
    determined_on       {{date}} NOT NULL,
    created_at          {{timestamp}} NOT NULL,
    created_by          TEXT NOT NULL DEFAULT '',
    updated_at          {{timestamp}} NOT NULL,
    updated_by          TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX eligibility_episode ON eligibility (council_id, episode_id);

-- Support plans: each version a snapshot (JSON) of the outcomes, solutions and services it agreed, with the
-- person's agreement.
CREATE TABLE support_plan (
    council_id            TEXT NOT NULL,
    id                    TEXT NOT NULL,
    person_id             TEXT NOT NULL,
    episode_id            TEXT NOT NULL,
    plan_version          INTEGER NOT NULL,
    status                TEXT NOT NULL DEFAULT 'draft',
    snapshot              TEXT NOT NULL DEFAULT '',
    agreed_on             {{date}},
    agreed_how            TEXT NOT NULL DEFAULT '',
    agreed_with           TEXT NOT NULL DEFAULT '',
    person_comment        TEXT NOT NULL DEFAULT '',
    personal_budget_pence BIGINT NOT NULL DEFAULT 0,
    crisis_contact        TEXT NOT NULL DEFAULT '',
    review_on             {{date}},
    created_at            {{timestamp}} NOT NULL,
    created_by            TEXT NOT NULL DEFAULT '',
    updated_at            {{timestamp}} NOT NULL,
    updated_by            TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, episode_id, plan_version),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX support_plan_person ON support_plan (council_id, person_id, status);

-- Reviews: scheduled when a plan is agreed, held later; each outcome rated, each service decided.
CREATE TABLE review (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    episode_id     TEXT NOT NULL,
    plan_id        TEXT,
    due_on         {{date}} NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'scheduled',
    held_on        {{date}},
    method         TEXT NOT NULL DEFAULT '',
    person_view    TEXT NOT NULL DEFAULT '',
    review_outcome TEXT NOT NULL DEFAULT '',
    gas_t_score    {{float}},
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    updated_at     {{timestamp}} NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, plan_id) REFERENCES support_plan (council_id, id)
);
CREATE INDEX review_due ON review (council_id, status, due_on);
CREATE INDEX review_person ON review (council_id, person_id, due_on);

-- Each outcome's rating at a review, on its Goal Attainment Scale, with the person's own view.
CREATE TABLE review_rating (
    council_id  TEXT NOT NULL,
    review_id   TEXT NOT NULL,
    outcome_id  TEXT NOT NULL,
    level       INTEGER NOT NULL,
    person_view TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, review_id, outcome_id),
    FOREIGN KEY (council_id, review_id) REFERENCES review (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, outcome_id) REFERENCES outcome (council_id, id)
);

-- What a review decided for each service: stop, continue or change.
CREATE TABLE review_service (
    council_id TEXT NOT NULL,
    review_id  TEXT NOT NULL,
    service_id TEXT NOT NULL,
    decision   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, review_id, service_id),
    FOREIGN KEY (council_id, review_id) REFERENCES review (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, service_id) REFERENCES service (council_id, id)
);

-- A person's chronology: significant events, written by each store in the transaction that makes the change.
CREATE TABLE person_event (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    episode_id  TEXT,
    occurred_on {{date}} NOT NULL,
    at          {{timestamp}} NOT NULL,
    kind        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    ref_id      TEXT NOT NULL DEFAULT '',
    staff_id    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id)
);
CREATE INDEX person_event_person ON person_event (council_id, person_id, occurred_on, at);
{{if postgres}}

-- The second wall: a transaction sees and writes only the rows of the council it has set.
{{wall "contact"}}
{{wall "episode"}}
{{wall "episode_step"}}
{{wall "conversation"}}
{{wall "conversation_section"}}
{{wall "strength"}}
{{wall "connection"}}
{{wall "aspiration"}}
{{wall "outcome"}}
{{wall "solution"}}
{{wall "solution_outcome"}}
{{wall "service"}}
{{wall "service_outcome"}}
{{wall "authorisation"}}
{{wall "eligibility"}}
{{wall "support_plan"}}
{{wall "review"}}
{{wall "review_rating"}}
{{wall "review_service"}}
{{wall "person_event"}}
{{end}}

-- +goose Down
DROP TABLE person_event;
DROP TABLE review_service;
DROP TABLE review_rating;
DROP TABLE review;
DROP TABLE support_plan;
DROP TABLE eligibility;
DROP TABLE authorisation;
DROP TABLE service_outcome;
DROP TABLE service;
DROP TABLE solution_outcome;
DROP TABLE solution;
DROP TABLE outcome;
DROP TABLE aspiration;
DROP TABLE connection;
DROP TABLE strength;
DROP TABLE conversation_section;
DROP TABLE conversation;
DROP TABLE episode_step;
DROP TABLE episode;
DROP TABLE contact;
ALTER TABLE council DROP COLUMN regular_review_months;
ALTER TABLE council DROP COLUMN first_review_weeks;
ALTER TABLE council DROP COLUMN authorisation_threshold_pence;
