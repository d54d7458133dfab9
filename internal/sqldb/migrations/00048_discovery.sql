-- What the implementation programme found and dreamed: the findings of its discovery, the vision statement with its
-- versions and who co-produced each, the cultural web as it is and as it is to be, and the stakeholder map. These
-- are programme records, not anyone's care record.

-- +goose Up

-- A finding from the discovery. kind is strength (to preserve and build on) or opportunity (to improve); source is
-- workshop, file_review, survey, interview or other; workstream is the name of the workstream it belongs to, or ''.
CREATE TABLE discovery_finding (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    finding    TEXT NOT NULL,
    source     TEXT NOT NULL,
    found_on   {{date}} NOT NULL,
    workstream TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "discovery_finding"}}
{{end}}

-- One version of the vision statement, as agreed on agreed_on. A new wording is a new row, so that earlier versions
-- stay as they were agreed; the current one is the latest agreed, worked out and never stored. co_producers holds who
-- co-produced it, of staff, experts_by_experience and carers, joined by commas; session is a note of the session.
CREATE TABLE vision_version (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    statement    TEXT NOT NULL,
    agreed_on    {{date}} NOT NULL,
    co_producers TEXT NOT NULL DEFAULT '',
    session      TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "vision_version"}}
{{end}}

-- An observation on the cultural web. web is as_is or to_be; element is paradigm, stories, rituals, symbols,
-- structures, controls or power; source is as a finding's. On the to-be web an observation is a change wanted.
CREATE TABLE culture_observation (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    web         TEXT NOT NULL,
    element     TEXT NOT NULL,
    observation TEXT NOT NULL,
    source      TEXT NOT NULL,
    created_at  {{timestamp}} NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);
CREATE INDEX culture_observation_web ON culture_observation (council_id, web, element);
{{if postgres}}
{{wall "culture_observation"}}
{{end}}

-- An action of the programme's action plan (programme_action) that makes a change on the to-be web. Removing either
-- removes the link.
CREATE TABLE culture_change_action (
    council_id     TEXT NOT NULL,
    observation_id TEXT NOT NULL,
    action_id      TEXT NOT NULL,
    PRIMARY KEY (council_id, observation_id, action_id),
    FOREIGN KEY (council_id, observation_id) REFERENCES culture_observation (council_id, id) ON DELETE CASCADE,
    FOREIGN KEY (council_id, action_id) REFERENCES programme_action (council_id, id) ON DELETE CASCADE
);
CREATE INDEX culture_change_action_action ON culture_change_action (council_id, action_id);
{{if postgres}}
{{wall "culture_change_action"}}
{{end}}

-- A person or group with a stake in the programme. kind is staff, expert_by_experience, carer, partner,
-- elected_member or other; influence and interest are high or low (the grid's quarter is worked out from them);
-- owner_id is the member of staff who owns the engagement.
CREATE TABLE programme_stakeholder (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    influence    TEXT NOT NULL,
    interest     TEXT NOT NULL,
    engagement   TEXT NOT NULL DEFAULT '',
    owner_id     TEXT NOT NULL,
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, owner_id) REFERENCES staff (council_id, id)
);
{{if postgres}}
{{wall "programme_stakeholder"}}
{{end}}

-- +goose Down
DROP TABLE programme_stakeholder;
DROP TABLE culture_change_action;
DROP TABLE culture_observation;
DROP TABLE vision_version;
DROP TABLE discovery_finding;
