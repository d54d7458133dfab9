-- The network's shared work: its staff survey (the network's questions and rounds in its own tables, each member
-- council's anonymous answers inside that council's wall), its peer challenges, and its shared library.
--
-- The tables named network_survey, network_survey_round, network_challenge, network_challenger and
-- network_document belong to a network, not to a council: a network's staff read and change them, and the member
-- councils that took part or belong read them through the network's membership. They hold no row about a person,
-- a member of staff's answers or a case, so they need no council wall; their keys lead with network_id, as the
-- network's own tables do. The answers (network_survey_response, network_survey_answer, network_survey_answered)
-- are tenant tables with the council wall like any other.

-- +goose Up

-- The network's staff survey: one per network, its statements answered on the feedback scale (Yes, Mostly,
-- Partly, No). questions is the JSON list of feedback.Question; a round keeps its own copy when it opens, so that
-- changing the survey never changes what a round asked.
CREATE TABLE network_survey (
    network_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    questions  TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (network_id)
);

-- A round of the network's staff survey: the same questions in every member council, open from opens_on to
-- closes_on.
CREATE TABLE network_survey_round (
    network_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    questions  TEXT NOT NULL,
    opens_on   {{date}} NOT NULL,
    closes_on  {{date}} NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (network_id, id)
);

-- One member of a council's staff's answers to a network survey round. It carries no member of staff, no team and
-- no time, and its id is random rather than time-ordered, so that nothing links it to who gave it or when.
CREATE TABLE network_survey_response (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    network_id TEXT NOT NULL,
    round_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, id)
);
CREATE INDEX network_survey_response_round ON network_survey_response (council_id, network_id, round_id);
{{if postgres}}
{{wall "network_survey_response"}}
{{end}}

-- An answer, on the scale, to one question of a round.
CREATE TABLE network_survey_answer (
    council_id  TEXT NOT NULL,
    response_id TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    PRIMARY KEY (council_id, response_id, question),
    FOREIGN KEY (council_id, response_id) REFERENCES network_survey_response (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "network_survey_answer"}}
{{end}}

-- That a member of staff has answered a round, kept apart from their answers so that each answers once and no
-- answer can be traced to them.
CREATE TABLE network_survey_answered (
    council_id TEXT NOT NULL,
    network_id TEXT NOT NULL,
    round_id   TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, network_id, round_id, staff_id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
{{if postgres}}
{{wall "network_survey_answered"}}
{{end}}

-- A peer challenge between member councils: the host council, the theme, when, what was found (strengths and
-- areas to consider) and the host's response, written by the host council's quality lead.
CREATE TABLE network_challenge (
    network_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    host_id      TEXT NOT NULL,
    theme        TEXT NOT NULL,
    starts_on    {{date}} NOT NULL,
    ends_on      {{date}} NOT NULL,
    strengths    TEXT NOT NULL DEFAULT '',
    areas        TEXT NOT NULL DEFAULT '',
    response     TEXT NOT NULL DEFAULT '',
    responded_at {{timestamp}},
    responded_by TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   {{timestamp}} NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (network_id, id)
);
CREATE INDEX network_challenge_host ON network_challenge (network_id, host_id);

-- A council that challenged the host in a peer challenge.
CREATE TABLE network_challenger (
    network_id   TEXT NOT NULL,
    challenge_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    PRIMARY KEY (network_id, challenge_id, member_id),
    FOREIGN KEY (network_id, challenge_id) REFERENCES network_challenge (network_id, id) ON DELETE CASCADE
);

-- A document in the network's shared library: a file (content, its type found from the content) or a link.
-- shared_from is the member council whose quality lead shared it, or '' when the network's staff did.
CREATE TABLE network_document (
    network_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL DEFAULT '',
    media_type  TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    content     {{bytes}},
    shared_from TEXT NOT NULL DEFAULT '',
    shared_by   TEXT NOT NULL DEFAULT '',
    shared_at   {{timestamp}} NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    updated_by  TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (network_id, id)
);

-- +goose Down
DROP TABLE network_document;
DROP TABLE network_challenger;
DROP TABLE network_challenge;
DROP TABLE network_survey_answered;
DROP TABLE network_survey_answer;
DROP TABLE network_survey_response;
DROP TABLE network_survey_round;
DROP TABLE network_survey;
