-- The network's shared work (docs/adr/0016-networks-of-councils.md): its staff survey, its peer challenges and its
-- shared library.
--
-- A network is a tenancy of its own, so the records it owns alone (its survey's questions and rounds, its peer
-- challenges and its library) are ordinary tenant tables in the network's tenancy: council_id is the network's id,
-- behind the wall. A member council's staff read them, and its quality lead responds to a challenge or shares a
-- document, only after the store has found from the network's membership that the council belongs now.
--
-- The survey's answers are the council's: network_survey_response, network_survey_answer and
-- network_survey_answered are kept in each member council's own tenancy, behind its wall, and the network reads
-- only the numbers counted there.

-- +goose Up

-- The network's staff survey, in the network's tenancy: one per network, its statements answered on the feedback scale (Yes, Mostly,
-- Partly, No). questions is the JSON list of feedback.Question; a round keeps its own copy when it opens, so that
-- changing the survey never changes what a round asked.
CREATE TABLE network_survey (
    council_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    questions  TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id)
);
{{if postgres}}
{{wall "network_survey"}}
{{end}}

-- A round of the network's staff survey, in the network's tenancy: the same questions in every member council, open from opens_on to
-- closes_on.
CREATE TABLE network_survey_round (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    questions  TEXT NOT NULL,
    opens_on   {{date}} NOT NULL,
    closes_on  {{date}} NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "network_survey_round"}}
{{end}}

-- One member of a council's staff's answers to a network survey round, in the council's tenancy. It carries no member of staff, no team and
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

-- A peer challenge between member councils, in the network's tenancy: the host council, the theme, when, what was found (strengths and
-- areas to consider) and the host's response, written by the host council's quality lead.
CREATE TABLE network_challenge (
    council_id   TEXT NOT NULL,
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
    PRIMARY KEY (council_id, id)
);
CREATE INDEX network_challenge_host ON network_challenge (council_id, host_id);
{{if postgres}}
{{wall "network_challenge"}}
{{end}}

-- A council that challenged the host in a peer challenge.
CREATE TABLE network_challenger (
    council_id   TEXT NOT NULL,
    challenge_id TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    PRIMARY KEY (council_id, challenge_id, member_id),
    FOREIGN KEY (council_id, challenge_id) REFERENCES network_challenge (council_id, id) ON DELETE CASCADE
);
CREATE INDEX network_challenger_member ON network_challenger (council_id, member_id);
{{if postgres}}
{{wall "network_challenger"}}
{{end}}

-- A document in the network's shared library, in the network's tenancy: a file (content, its type found from the content) or a link.
-- shared_from is the member council whose quality lead shared it, or '' when the network's staff did.
CREATE TABLE network_document (
    council_id  TEXT NOT NULL,
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
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "network_document"}}
{{end}}

-- +goose Down
DROP TABLE network_document;
DROP TABLE network_challenger;
DROP TABLE network_challenge;
DROP TABLE network_survey_answered;
DROP TABLE network_survey_answer;
DROP TABLE network_survey_response;
DROP TABLE network_survey_round;
DROP TABLE network_survey;
