-- What the record showed for each check of an audit when its round sampled the episode: the result, a summary and
-- the records it came from (evidence: a JSON list of text and the address of its page). An audit, and a round's
-- findings, speak of the case as it was sampled, not as it was mended after its learning; the links still open the
-- records as they are now.

-- +goose Up
CREATE TABLE audit_check (
    council_id TEXT NOT NULL,
    audit_id   TEXT NOT NULL,
    position   INTEGER NOT NULL,
    check_key  TEXT NOT NULL,
    result     TEXT NOT NULL,
    summary    TEXT NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (council_id, audit_id, check_key),
    FOREIGN KEY (council_id, audit_id) REFERENCES audit (council_id, id) ON DELETE CASCADE
);
{{if postgres}}
{{wall "audit_check"}}
{{end}}

-- +goose Down
DROP TABLE audit_check;
