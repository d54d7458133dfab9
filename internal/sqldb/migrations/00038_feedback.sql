-- Feedback from people and staff: the council's surveys, every version kept so that answers keep the questions
-- they were given; the one-time codes a person answers a survey with, on paper or by a link with no sign-in; each
-- set of answers, a person's tied to the episode it is about (shown to staff only when not anonymous); and staff
-- survey rounds, whose answers carry no member of staff, with who has answered kept apart.

-- +goose Up

-- A version of a survey. audience is 'person' or 'staff'; definition holds its questions (JSON). A version that
-- has answers is never changed: a change makes the next version under the same survey_key.
CREATE TABLE feedback_survey (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    survey_key TEXT NOT NULL,
    version    INTEGER NOT NULL,
    audience   TEXT NOT NULL,
    name       TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, survey_key, version)
);
{{if postgres}}
{{wall "feedback_survey"}}
{{end}}

-- A one-time code given to a person to answer a survey about an episode, on a printed form or by a link. Only the
-- code's hash is kept. used_at is set when it is answered; it cannot be used after expires_on.
CREATE TABLE feedback_invitation (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    survey_id  TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    episode_id TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    expires_on {{date}} NOT NULL,
    used_at    {{timestamp}},
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, code_hash),
    FOREIGN KEY (council_id, survey_id) REFERENCES feedback_survey (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id)
);
CREATE INDEX feedback_invitation_episode ON feedback_invitation (council_id, episode_id);
{{if postgres}}
{{wall "feedback_invitation"}}
{{end}}

-- A person answers by a link before the council is known: this directory finds the council from the code's hash.
-- It holds nothing about anyone.
CREATE TABLE feedback_code (
    code_hash  TEXT PRIMARY KEY,
    council_id TEXT NOT NULL
);

-- A staff survey round: the survey version it asks, and the day it closes.
CREATE TABLE feedback_round (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    survey_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    opens_on   {{date}} NOT NULL,
    closes_on  {{date}} NOT NULL,
    created_at {{timestamp}} NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, survey_id) REFERENCES feedback_survey (council_id, id)
);
{{if postgres}}
{{wall "feedback_round"}}
{{end}}

-- Who has answered a round, so that nobody answers twice. Kept apart from the answers, with no time, so that the
-- two cannot be matched.
CREATE TABLE feedback_answered (
    council_id TEXT NOT NULL,
    round_id   TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, round_id, staff_id),
    FOREIGN KEY (council_id, round_id) REFERENCES feedback_round (council_id, id)
);
{{if postgres}}
{{wall "feedback_answered"}}
{{end}}

-- One set of answers to a survey. A person's names the episode and person (person_id and episode_id), how it was
-- answered (with the practitioner, on paper, by link) and whether they asked for it to be anonymous; a member of
-- staff's names only the round and the team they belong to, never who they are. team_id groups the results.
CREATE TABLE feedback_response (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    survey_id   TEXT NOT NULL,
    person_id   TEXT,
    episode_id  TEXT,
    round_id    TEXT,
    team_id     TEXT NOT NULL DEFAULT '',
    answered_on {{date}} NOT NULL,
    how         TEXT NOT NULL,
    anonymous   BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, survey_id) REFERENCES feedback_survey (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, round_id) REFERENCES feedback_round (council_id, id)
);
CREATE INDEX feedback_response_episode ON feedback_response (council_id, episode_id);
CREATE INDEX feedback_response_answered ON feedback_response (council_id, answered_on);
{{if postgres}}
{{wall "feedback_response"}}
{{end}}

-- One answer: a value on the question's scale, or the person's own words.
CREATE TABLE feedback_answer (
    council_id  TEXT NOT NULL,
    response_id TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    PRIMARY KEY (council_id, response_id, question),
    FOREIGN KEY (council_id, response_id) REFERENCES feedback_response (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "feedback_answer"}}
{{end}}

-- +goose Down
DROP TABLE feedback_answer;
DROP TABLE feedback_response;
DROP TABLE feedback_answered;
DROP TABLE feedback_round;
DROP TABLE feedback_code;
DROP TABLE feedback_invitation;
DROP TABLE feedback_survey;
