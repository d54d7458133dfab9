-- Risk enablement, crisis and family group conferences (issue 5, items 2, 5 and 6). A risk on an episode in the
-- person's words, its agreed ways to reduce it, the positive risk-taking decision and who agreed it, the outcomes
-- and solutions it affects and its reviews; an episode marked as crisis with its short-term holding support and
-- mandatory early reviews; a family group conference from referral (with consent) to the family's own plan and its
-- review. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same.

-- +goose Up

-- A risk, what the person thinks of it and what matters to them about it, what could go wrong and how likely and
-- serious that is, and the positive risk-taking decision. status is open, reduced or closed (from its reviews).
CREATE TABLE risk (
    council_id       TEXT NOT NULL,
    id               TEXT NOT NULL,
    person_id        TEXT NOT NULL,
    episode_id       TEXT NOT NULL,
    what             TEXT NOT NULL,
    person_view      TEXT NOT NULL DEFAULT '',
    what_matters     TEXT NOT NULL DEFAULT '',
    could_go_wrong   TEXT NOT NULL DEFAULT '',
    likelihood       TEXT NOT NULL,
    severity         TEXT NOT NULL,
    decision_agreed  BOOLEAN NOT NULL DEFAULT FALSE,
    decision_note    TEXT NOT NULL DEFAULT '',
    decided_on       {{date}},
    review_on        {{date}} NOT NULL,
    status           TEXT NOT NULL DEFAULT 'open',
    created_at       {{timestamp}} NOT NULL,
    created_by       TEXT NOT NULL DEFAULT '',
    updated_at       {{timestamp}} NOT NULL,
    updated_by       TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX risk_episode ON risk (council_id, episode_id);
{{if postgres}}
{{wall "risk"}}
{{end}}

-- The agreed ways to reduce a risk, each with who does it.
CREATE TABLE risk_mitigation (
    council_id TEXT NOT NULL,
    risk_id    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    what       TEXT NOT NULL,
    who        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, risk_id, position),
    FOREIGN KEY (council_id, risk_id) REFERENCES risk (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "risk_mitigation"}}
{{end}}

-- Who agreed the positive risk-taking decision: the person and others, by name and role.
CREATE TABLE risk_agreed_by (
    council_id TEXT NOT NULL,
    risk_id    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, risk_id, position),
    FOREIGN KEY (council_id, risk_id) REFERENCES risk (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "risk_agreed_by"}}
{{end}}

-- The outcomes and solutions (of the same episode) a risk affects.
CREATE TABLE risk_link (
    council_id TEXT NOT NULL,
    risk_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    ref_id     TEXT NOT NULL,
    PRIMARY KEY (council_id, risk_id, kind, ref_id),
    FOREIGN KEY (council_id, risk_id) REFERENCES risk (council_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_link_ref ON risk_link (council_id, ref_id);
{{if postgres}}
{{wall "risk_link"}}
{{end}}

-- A review of a risk: what happened, whether it is still a risk, reduced or closed, and the next review.
CREATE TABLE risk_review (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    risk_id        TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    reviewed_on    {{date}} NOT NULL,
    what_happened  TEXT NOT NULL,
    result         TEXT NOT NULL,
    next_review_on {{date}},
    created_at     {{timestamp}} NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, risk_id) REFERENCES risk (council_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_review_risk ON risk_review (council_id, risk_id, reviewed_on);
{{if postgres}}
{{wall "risk_review"}}
{{end}}

-- An episode marked as crisis: what happened, who marked it and when, and when its early review is due. It stays a
-- crisis until a review finds it over (ended_at). At most one current crisis an episode.
CREATE TABLE crisis (
    council_id    TEXT NOT NULL,
    id            TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    episode_id    TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    marked_at     {{timestamp}} NOT NULL,
    marked_by     TEXT NOT NULL DEFAULT '',
    review_due_at {{timestamp}} NOT NULL,
    ended_at      {{timestamp}},
    ended_by      TEXT NOT NULL DEFAULT '',
    updated_at    {{timestamp}} NOT NULL,
    updated_by    TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX crisis_episode ON crisis (council_id, episode_id, marked_at);
CREATE UNIQUE INDEX crisis_current ON crisis (council_id, episode_id) WHERE ended_at IS NULL;
{{if postgres}}
{{wall "crisis"}}
{{end}}

-- The short-term holding support put in place, item by item.
CREATE TABLE crisis_support (
    council_id TEXT NOT NULL,
    crisis_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    what       TEXT NOT NULL,
    PRIMARY KEY (council_id, crisis_id, position),
    FOREIGN KEY (council_id, crisis_id) REFERENCES crisis (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "crisis_support"}}
{{end}}

-- An early review of crisis holding support: what happened, and whether the crisis is over or the holding support
-- continues (with the next early review due).
CREATE TABLE crisis_review (
    council_id    TEXT NOT NULL,
    id            TEXT NOT NULL,
    crisis_id     TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    reviewed_at   {{timestamp}} NOT NULL,
    what_happened TEXT NOT NULL,
    over          BOOLEAN NOT NULL,
    next_due_at   {{timestamp}},
    created_by    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, crisis_id) REFERENCES crisis (council_id, id) ON DELETE CASCADE
);
CREATE INDEX crisis_review_crisis ON crisis_review (council_id, crisis_id, reviewed_at);
{{if postgres}}
{{wall "crisis_review"}}
{{end}}

-- A family group conference: the referral with the person's consent, the independent coordinator, the conference
-- (with the family's private time) and its review.
CREATE TABLE family_conference (
    council_id        TEXT NOT NULL,
    id                TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    episode_id        TEXT NOT NULL,
    referred_on       {{date}} NOT NULL,
    consent           BOOLEAN NOT NULL,
    consent_on        {{date}} NOT NULL,
    coordinator       TEXT NOT NULL,
    conference_on     {{date}},
    held              BOOLEAN NOT NULL DEFAULT FALSE,
    private_time      BOOLEAN NOT NULL DEFAULT FALSE,
    private_time_note TEXT NOT NULL DEFAULT '',
    review_on         {{date}},
    reviewed_on       {{date}},
    review_note       TEXT NOT NULL DEFAULT '',
    created_at        {{timestamp}} NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    updated_at        {{timestamp}} NOT NULL,
    updated_by        TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX family_conference_episode ON family_conference (council_id, episode_id);
{{if postgres}}
{{wall "family_conference"}}
{{end}}

-- The people invited to a conference: name and relationship.
CREATE TABLE family_conference_invitee (
    council_id    TEXT NOT NULL,
    conference_id TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    relationship  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, conference_id, position),
    FOREIGN KEY (council_id, conference_id) REFERENCES family_conference (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "family_conference_invitee"}}
{{end}}

-- The family's own plan in their words, item by item: what, who in the family or network will do it, by when; at the
-- review, whether the item was kept or changed. solution_id is the network solution it supplied, if any.
CREATE TABLE family_plan_item (
    council_id    TEXT NOT NULL,
    id            TEXT NOT NULL,
    conference_id TEXT NOT NULL,
    position      INTEGER NOT NULL,
    what          TEXT NOT NULL,
    who           TEXT NOT NULL,
    by_when       TEXT NOT NULL DEFAULT '',
    solution_id   TEXT NOT NULL DEFAULT '',
    review_result TEXT NOT NULL DEFAULT '',
    review_note   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, conference_id) REFERENCES family_conference (council_id, id) ON DELETE CASCADE
);
CREATE INDEX family_plan_item_conference ON family_plan_item (council_id, conference_id, position);
{{if postgres}}
{{wall "family_plan_item"}}
{{end}}

-- A solution supplied by an item of a family group conference's plan.
ALTER TABLE solution ADD COLUMN family_plan_item_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE solution DROP COLUMN family_plan_item_id;
DROP TABLE family_plan_item;
DROP TABLE family_conference_invitee;
DROP TABLE family_conference;
DROP TABLE crisis_review;
DROP TABLE crisis_support;
DROP TABLE crisis;
DROP TABLE risk_review;
DROP TABLE risk_link;
DROP TABLE risk_agreed_by;
DROP TABLE risk_mitigation;
DROP TABLE risk;
