-- Direct payments (Care Act ss31–33): the agreement that pays part of a person's personal budget to them, or to
-- someone on their behalf, for one service line. The amount and how often it is paid are the service line's own
-- cost (unit cost and frequency), so the figure is kept once. What it pays for, who manages it, the account's
-- contingency and its status with the reason are kept here; the monitoring reviews that the Care and Support
-- (Direct Payments) Regulations 2014 reg 7 require are kept in direct_payment_monitoring, and the next one due is
-- a required action (duty kind direct_payment_review).

-- +goose Up
CREATE TABLE direct_payment (
    council_id          TEXT NOT NULL,
    id                  TEXT NOT NULL,
    person_id           TEXT NOT NULL,
    episode_id          TEXT NOT NULL,
    service_id          TEXT NOT NULL,
    managed_by          TEXT NOT NULL,
    authorised_name     TEXT NOT NULL DEFAULT '',
    authorised_relation TEXT NOT NULL DEFAULT '',
    account_provider    TEXT NOT NULL DEFAULT '',
    first_payment_on    {{date}} NOT NULL,
    pays_for            TEXT NOT NULL DEFAULT '',
    pays_for_other      TEXT NOT NULL DEFAULT '',
    contingency_pence   {{if postgres}}BIGINT{{else}}INTEGER{{end}} NOT NULL DEFAULT 0,
    status              TEXT NOT NULL DEFAULT 'active',
    status_on           {{date}},
    status_reason       TEXT NOT NULL DEFAULT '',
    next_monitoring_on  {{date}},
    created_at          {{timestamp}} NOT NULL,
    created_by          TEXT NOT NULL DEFAULT '',
    updated_at          {{timestamp}} NOT NULL,
    updated_by          TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, person_id) REFERENCES person (council_id, id),
    FOREIGN KEY (council_id, episode_id) REFERENCES episode (council_id, id),
    FOREIGN KEY (council_id, service_id) REFERENCES service (council_id, id)
);
CREATE UNIQUE INDEX direct_payment_service ON direct_payment (council_id, service_id);
CREATE INDEX direct_payment_episode ON direct_payment (council_id, episode_id);
{{if postgres}}
{{wall "direct_payment"}}
{{end}}

-- Each monitoring review of a direct payment: when it was held, whether the payments are being used as agreed, what
-- was found, and who recorded it.
CREATE TABLE direct_payment_monitoring (
    council_id        TEXT NOT NULL,
    id                TEXT NOT NULL,
    direct_payment_id TEXT NOT NULL,
    held_on           {{date}} NOT NULL,
    result            TEXT NOT NULL,
    findings          TEXT NOT NULL DEFAULT '',
    created_at        {{timestamp}} NOT NULL,
    created_by        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id),
    FOREIGN KEY (council_id, direct_payment_id) REFERENCES direct_payment (council_id, id)
);
CREATE INDEX direct_payment_monitoring_dp ON direct_payment_monitoring (council_id, direct_payment_id, held_on);
{{if postgres}}
{{wall "direct_payment_monitoring"}}
{{end}}

-- +goose Down
DROP TABLE direct_payment_monitoring;
DROP TABLE direct_payment;
