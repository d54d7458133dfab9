-- The community directory on the Open Referral UK 3.0 model (HSDS 3.0 UK profile): organisations, services,
-- locations and addresses, services at locations, contacts and phones, schedules, service areas, taxonomies and
-- terms with the attributes linking services to terms, cost options, languages and accessibility. Ids are the
-- standard's own (UUIDs), kept as given so that an export round-trips; column names are the standard's except
-- where a name is taken (taxonomy_version, repeat_interval, option_text). Directory records are not about
-- people: they are the council's own published data, behind the same council wall. The {{if postgres}}SQLite{{else}}PostgreSQL{{end}} folder
-- holds the same.

-- +goose Up

-- How many months may pass before a service's entry must be checked again.
ALTER TABLE council ADD COLUMN directory_check_months INTEGER NOT NULL DEFAULT 6;

-- An organisation that provides community services (Open Referral UK organization).
CREATE TABLE directory_organization (
    council_id             TEXT NOT NULL,
    id                     TEXT NOT NULL,
    name                   TEXT NOT NULL,
    description            TEXT NOT NULL DEFAULT '',
    email                  TEXT NOT NULL DEFAULT '',
    website                TEXT NOT NULL DEFAULT '',
    logo                   TEXT NOT NULL DEFAULT '',
    uri                    TEXT NOT NULL DEFAULT '',
    parent_organization_id TEXT NOT NULL DEFAULT '',
    created_at             {{timestamp}} NOT NULL,
    created_by             TEXT NOT NULL DEFAULT '',
    updated_at             {{timestamp}} NOT NULL,
    updated_by             TEXT NOT NULL DEFAULT '',
    version                INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);

-- A taxonomy the terms come from, such as a council's own categories.
CREATE TABLE directory_taxonomy (
    council_id       TEXT NOT NULL,
    id               TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    uri              TEXT NOT NULL DEFAULT '',
    taxonomy_version TEXT NOT NULL DEFAULT '',
    created_at       {{timestamp}} NOT NULL,
    updated_at       {{timestamp}} NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);

-- A category a service can be found by. parent_id and taxonomy_id may name terms or taxonomies outside this
-- directory (a published taxonomy), so they are kept as given rather than as foreign keys.
CREATE TABLE directory_taxonomy_term (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id   TEXT NOT NULL DEFAULT '',
    taxonomy    TEXT NOT NULL DEFAULT '',
    taxonomy_id TEXT NOT NULL DEFAULT '',
    term_uri    TEXT NOT NULL DEFAULT '',
    term        TEXT NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);

-- A community service. assured_date is when its entry was last checked; eligibility_description (from HSDS 3.0) says
-- who it is for beside the age range.
CREATE TABLE directory_service (
    council_id              TEXT NOT NULL,
    id                      TEXT NOT NULL,
    organization_id         TEXT NOT NULL,
    name                    TEXT NOT NULL,
    description             TEXT NOT NULL DEFAULT '',
    url                     TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    status                  TEXT NOT NULL,
    fees                    TEXT NOT NULL DEFAULT '',
    accreditations          TEXT NOT NULL DEFAULT '',
    minimum_age             {{float}},
    maximum_age             {{float}},
    eligibility_description TEXT NOT NULL DEFAULT '',
    assured_date            {{date}},
    assurer_email           TEXT NOT NULL DEFAULT '',
    alert                   TEXT NOT NULL DEFAULT '',
    last_modified           {{timestamp}},
    created_at              {{timestamp}} NOT NULL,
    created_by              TEXT NOT NULL DEFAULT '',
    updated_at              {{timestamp}} NOT NULL,
    updated_by              TEXT NOT NULL DEFAULT '',
    version                 INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, organization_id) REFERENCES directory_organization (council_id, id)
);
CREATE INDEX directory_service_organization ON directory_service (council_id, organization_id);
CREATE INDEX directory_service_assured ON directory_service (council_id, assured_date);

-- A place, postal address or virtual location where services are delivered.
CREATE TABLE directory_location (
    council_id               TEXT NOT NULL,
    id                       TEXT NOT NULL,
    location_type            TEXT NOT NULL,
    name                     TEXT NOT NULL DEFAULT '',
    description              TEXT NOT NULL DEFAULT '',
    latitude                 {{float}},
    longitude                {{float}},
    external_identifier      TEXT NOT NULL DEFAULT '',
    external_identifier_type TEXT NOT NULL DEFAULT '',
    created_at               {{timestamp}} NOT NULL,
    updated_at               {{timestamp}} NOT NULL,
    version                  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id)
);

-- A location's address.
CREATE TABLE directory_address (
    council_id     TEXT NOT NULL,
    id             TEXT NOT NULL,
    location_id    TEXT,
    attention      TEXT NOT NULL DEFAULT '',
    address_1      TEXT NOT NULL DEFAULT '',
    address_2      TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    state_province TEXT NOT NULL DEFAULT '',
    postal_code    TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    address_type   TEXT NOT NULL DEFAULT '',
    created_at     {{timestamp}} NOT NULL,
    updated_at     {{timestamp}} NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, location_id) REFERENCES directory_location (council_id, id)
);
CREATE INDEX directory_address_location ON directory_address (council_id, location_id);

-- A service delivered at a location.
CREATE TABLE directory_service_at_location (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    service_id  TEXT NOT NULL,
    location_id TEXT NOT NULL,
    created_at  {{timestamp}} NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id),
    FOREIGN KEY (council_id, location_id) REFERENCES directory_location (council_id, id)
);
CREATE INDEX directory_service_at_location_service ON directory_service_at_location (council_id, service_id);

-- Someone to contact about a service, by role.
CREATE TABLE directory_contact (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    service_id TEXT,
    name       TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id)
);
CREATE INDEX directory_contact_service ON directory_contact (council_id, service_id);

-- A contact's phone number.
CREATE TABLE directory_phone (
    council_id  TEXT NOT NULL,
    id          TEXT NOT NULL,
    contact_id  TEXT,
    number      TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  {{timestamp}} NOT NULL,
    updated_at  {{timestamp}} NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, contact_id) REFERENCES directory_contact (council_id, id)
);

-- When a service (or a service at a location) is open, as an iCal rule: byday like MO,WE and times like 09:00.
CREATE TABLE directory_schedule (
    council_id             TEXT NOT NULL,
    id                     TEXT NOT NULL,
    service_id             TEXT,
    service_at_location_id TEXT,
    valid_from             {{date}},
    valid_to               {{date}},
    dtstart                {{date}},
    freq                   TEXT NOT NULL DEFAULT '',
    repeat_interval        {{float}},
    byday                  TEXT NOT NULL DEFAULT '',
    bymonthday             TEXT NOT NULL DEFAULT '',
    description            TEXT NOT NULL DEFAULT '',
    opens_at               TEXT NOT NULL DEFAULT '',
    closes_at              TEXT NOT NULL DEFAULT '',
    schedule_link          TEXT NOT NULL DEFAULT '',
    attending_type         TEXT NOT NULL DEFAULT '',
    notes                  TEXT NOT NULL DEFAULT '',
    created_at             {{timestamp}} NOT NULL,
    updated_at             {{timestamp}} NOT NULL,
    version                INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id),
    FOREIGN KEY (council_id, service_at_location_id) REFERENCES directory_service_at_location (council_id, id)
);
CREATE INDEX directory_schedule_service ON directory_schedule (council_id, service_id);

-- The area a service covers.
CREATE TABLE directory_service_area (
    council_id   TEXT NOT NULL,
    id           TEXT NOT NULL,
    service_id   TEXT,
    name         TEXT NOT NULL DEFAULT '',
    extent       TEXT NOT NULL DEFAULT '',
    extent_type  TEXT NOT NULL DEFAULT '',
    uri          TEXT NOT NULL DEFAULT '',
    service_area TEXT NOT NULL DEFAULT '',
    created_at   {{timestamp}} NOT NULL,
    updated_at   {{timestamp}} NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id)
);

-- What a service costs; a service with none recorded, or an amount of 0, is free.
CREATE TABLE directory_cost_option (
    council_id         TEXT NOT NULL,
    id                 TEXT NOT NULL,
    service_id         TEXT NOT NULL,
    valid_from         {{date}},
    valid_to           {{date}},
    option_text        TEXT NOT NULL DEFAULT '',
    amount             {{float}},
    amount_description TEXT NOT NULL DEFAULT '',
    created_at         {{timestamp}} NOT NULL,
    updated_at         {{timestamp}} NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id)
);
CREATE INDEX directory_cost_option_service ON directory_cost_option (council_id, service_id);

-- A language a service is delivered in (name and code from HSDS 3.0 beside the UK profile's links).
CREATE TABLE directory_language (
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    service_id TEXT,
    phone_id   TEXT,
    name       TEXT NOT NULL DEFAULT '',
    code       TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES directory_service (council_id, id),
    FOREIGN KEY (council_id, phone_id) REFERENCES directory_phone (council_id, id)
);
CREATE INDEX directory_language_service ON directory_language (council_id, service_id);

-- How accessible a location is.
CREATE TABLE directory_accessibility (
    council_id    TEXT NOT NULL,
    id            TEXT NOT NULL,
    location_id   TEXT,
    description   TEXT NOT NULL DEFAULT '',
    details       TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    created_at    {{timestamp}} NOT NULL,
    updated_at    {{timestamp}} NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, location_id) REFERENCES directory_location (council_id, id)
);

-- Links a record (a service, usually) to a taxonomy term. link_id may name any kind of record, so it is kept as given.
CREATE TABLE directory_attribute (
    council_id       TEXT NOT NULL,
    id               TEXT NOT NULL,
    link_id          TEXT NOT NULL DEFAULT '',
    link_type        TEXT NOT NULL DEFAULT '',
    taxonomy_term_id TEXT NOT NULL,
    created_at       {{timestamp}} NOT NULL,
    updated_at       {{timestamp}} NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, taxonomy_term_id) REFERENCES directory_taxonomy_term (council_id, id)
);
CREATE INDEX directory_attribute_link ON directory_attribute (council_id, link_id);
{{if postgres}}

-- The second wall: a transaction sees and writes only the rows of the council it has set.
{{wall "directory_organization"}}
{{wall "directory_taxonomy"}}
{{wall "directory_taxonomy_term"}}
{{wall "directory_service"}}
{{wall "directory_location"}}
{{wall "directory_address"}}
{{wall "directory_service_at_location"}}
{{wall "directory_contact"}}
{{wall "directory_phone"}}
{{wall "directory_schedule"}}
{{wall "directory_service_area"}}
{{wall "directory_cost_option"}}
{{wall "directory_language"}}
{{wall "directory_accessibility"}}
{{wall "directory_attribute"}}
{{end}}

-- +goose Down
DROP TABLE directory_attribute;
DROP TABLE directory_accessibility;
DROP TABLE directory_language;
DROP TABLE directory_cost_option;
DROP TABLE directory_service_area;
DROP TABLE directory_schedule;
DROP TABLE directory_phone;
DROP TABLE directory_contact;
DROP TABLE directory_service_at_location;
DROP TABLE directory_address;
DROP TABLE directory_location;
DROP TABLE directory_service;
DROP TABLE directory_taxonomy_term;
DROP TABLE directory_taxonomy;
DROP TABLE directory_organization;
ALTER TABLE council DROP COLUMN directory_check_months;
