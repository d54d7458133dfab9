-- Entries of the access log waiting to be sealed into their council's chain. A page or an API call writes its
-- entries here, unchained, in one short write after its reads (or in the transaction of the change it describes);
-- the sealer links them into access_log in the order of their id, within a moment. No entry is ever lost between
-- the two: the sealer inserts the chained entry and deletes the waiting one in one transaction. id sorts in the
-- order the entries were written (a UUID of version 7: its first 48 bits are the time in milliseconds).

-- +goose Up
CREATE TABLE access_log_pending (
    council_id TEXT NOT NULL REFERENCES council (id),
    id         TEXT NOT NULL,
    at         {{timestamp}} NOT NULL,
    staff_id   TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    action     TEXT NOT NULL,
    channel    TEXT NOT NULL,
    route      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (council_id, id)
);
{{if postgres}}
{{wall "access_log_pending"}}
{{end}}

-- +goose Down
DROP TABLE access_log_pending;
