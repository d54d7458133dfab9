-- The foundation: councils, teams, staff, sign-in, people and the access log.
-- Tenant tables carry council_id first in every primary, unique and foreign key, so that a distributed
-- PostgreSQL (Citus) can shard by council. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder holds the same tables.

-- +goose Up
CREATE TABLE council (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    mfa_required BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   {{timestamp}} NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE team (
    council_id TEXT NOT NULL REFERENCES council (id),
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, name)
);

CREATE TABLE staff (
    council_id     TEXT NOT NULL REFERENCES council (id),
    id             TEXT NOT NULL,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL DEFAULT '',
    totp_secret    TEXT NOT NULL DEFAULT '',
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    disabled_at    {{timestamp}},
    created_at     {{timestamp}} NOT NULL,
    updated_at     {{timestamp}} NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    UNIQUE (council_id, email)
);

CREATE TABLE team_member (
    council_id TEXT NOT NULL,
    team_id    TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    PRIMARY KEY (council_id, team_id, staff_id),
    FOREIGN KEY (council_id, team_id) REFERENCES team (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX team_member_staff ON team_member (council_id, staff_id);

-- Sign-in starts from an email address, before the council is known: this directory finds it.
CREATE TABLE staff_login (
    email      TEXT PRIMARY KEY,
    council_id TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);

-- Bearer tokens for the JSON API, found by the hash of the token before the council is known.
CREATE TABLE api_token (
    token_hash   TEXT PRIMARY KEY,
    council_id   TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    created_at   {{timestamp}} NOT NULL,
    expires_at   {{timestamp}} NOT NULL,
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);

-- Sessions for signed-in staff (the scs session store's own table).
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   {{bytes}} NOT NULL,
    expiry {{if postgres}}TIMESTAMPTZ{{else}}REAL{{end}} NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

CREATE TABLE person (
    council_id             TEXT NOT NULL REFERENCES council (id),
    id                     TEXT NOT NULL,
    given_name             TEXT NOT NULL,
    family_name            TEXT NOT NULL,
    preferred_name         TEXT NOT NULL DEFAULT '',
    date_of_birth          {{date}},
    nhs_number             TEXT NOT NULL DEFAULT '',
    address_line1          TEXT NOT NULL DEFAULT '',
    address_line2          TEXT NOT NULL DEFAULT '',
    town                   TEXT NOT NULL DEFAULT '',
    postcode               TEXT NOT NULL DEFAULT '',
    phone                  TEXT NOT NULL DEFAULT '',
    email                  TEXT NOT NULL DEFAULT '',
    communication_needs    TEXT NOT NULL DEFAULT '',
    preferred_language     TEXT NOT NULL DEFAULT '',
    interpreter_needed     BOOLEAN NOT NULL DEFAULT FALSE,
    gender                 TEXT NOT NULL DEFAULT '',
    ethnicity              TEXT NOT NULL DEFAULT '',
    religion               TEXT NOT NULL DEFAULT '',
    sexual_orientation     TEXT NOT NULL DEFAULT '',
    disability             TEXT NOT NULL DEFAULT '',
    primary_support_reason TEXT NOT NULL DEFAULT '',
    client_type            TEXT NOT NULL DEFAULT '',
    accommodation_status   TEXT NOT NULL DEFAULT '',
    consent_to_share       TEXT NOT NULL DEFAULT '',
    consent_date           {{date}},
    consent_scope          TEXT NOT NULL DEFAULT '',
    team_id                TEXT,
    worker_id              TEXT,
    restricted             BOOLEAN NOT NULL DEFAULT FALSE,
    family_key             TEXT NOT NULL,
    given_key              TEXT NOT NULL,
    created_at             {{timestamp}} NOT NULL,
    created_by             TEXT NOT NULL DEFAULT '',
    updated_at             {{timestamp}} NOT NULL,
    updated_by             TEXT NOT NULL DEFAULT '',
    version                INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, team_id) REFERENCES team (council_id, id),
    FOREIGN KEY (council_id, worker_id) REFERENCES staff (council_id, id)
);
CREATE INDEX person_nhs ON person (council_id, nhs_number);
CREATE INDEX person_names_dob ON person (council_id, family_key, given_key, date_of_birth);
CREATE INDEX person_dob ON person (council_id, date_of_birth);
CREATE INDEX person_team ON person (council_id, team_id);
CREATE INDEX person_worker ON person (council_id, worker_id);

-- One row per search token of a person's names, so that a prefix search is an index range.
CREATE TABLE person_name_token (
    council_id TEXT NOT NULL,
    token      TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    PRIMARY KEY (council_id, token, person_id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id) ON DELETE CASCADE
);
CREATE INDEX person_name_token_person ON person_name_token (council_id, person_id);

-- The people who matter to a person: family, friends, carers, attorneys and deputies.
CREATE TABLE person_network (
    council_id      TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    relationship    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    unpaid_carer    BOOLEAN NOT NULL DEFAULT FALSE,
    legal_authority TEXT NOT NULL DEFAULT '',
    created_at      {{timestamp}} NOT NULL,
    updated_at      {{timestamp}} NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id) ON DELETE CASCADE
);
CREATE INDEX person_network_person ON person_network (council_id, person_id);

-- Staff explicitly granted a restricted record.
CREATE TABLE person_grant (
    council_id TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at {{timestamp}} NOT NULL,
    PRIMARY KEY (council_id, person_id, staff_id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);

-- Break-glass: a member of staff opened a record outside their allocation, with a reason, for administrators to review.
CREATE TABLE break_glass (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    granted_at  {{timestamp}} NOT NULL,
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at {{timestamp}},
    review_note TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, staff_id) REFERENCES staff (council_id, id)
);
CREATE INDEX break_glass_open ON break_glass (council_id, reviewed_at, granted_at);

-- Who viewed or changed which person's record: append-only, each entry chained to the one before by a hash.
CREATE TABLE access_log (
    council_id TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    at         {{timestamp}} NOT NULL,
    staff_id   TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    action     TEXT NOT NULL,
    channel    TEXT NOT NULL,
    route      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (council_id, seq)
);
CREATE INDEX access_log_person ON access_log (council_id, person_id, seq);
CREATE INDEX access_log_staff ON access_log (council_id, staff_id, seq);

-- The last link of each council's chain, locked while a new entry is added so entries never fork.
CREATE TABLE access_log_head (
    council_id TEXT NOT NULL REFERENCES council (id),
    seq        BIGINT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (council_id)
);

{{if postgres}}
-- +goose StatementBegin
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();

-- Row-level security, the second wall between councils: a transaction sees only the rows of the council it set
-- with set_config('app.council_id', ...). FORCE makes the rule bind the tables' owner too.
{{wall "team"}}
{{wall "staff"}}
{{wall "team_member"}}
{{wall "person"}}
{{wall "person_name_token"}}
{{wall "person_network"}}
{{wall "person_grant"}}
{{wall "break_glass"}}
{{wall "access_log"}}
{{wall "access_log_head"}}
{{else}}
-- +goose StatementBegin
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
-- +goose StatementEnd
{{end}}

-- +goose Down
DROP TABLE access_log_head;
{{if postgres}}
DROP TRIGGER access_log_no_change ON access_log;
DROP FUNCTION access_log_append_only();
{{end}}
DROP TABLE access_log;
DROP TABLE break_glass;
DROP TABLE person_grant;
DROP TABLE person_network;
DROP TABLE person_name_token;
DROP TABLE person;
DROP TABLE sessions;
DROP TABLE api_token;
DROP TABLE staff_login;
DROP TABLE team_member;
DROP TABLE staff;
DROP TABLE team;
DROP TABLE council;
