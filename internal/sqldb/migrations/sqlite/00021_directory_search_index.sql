-- Each service's searchable document, narrow and keyed by a number, so a search by words reads only what it needs.
-- The FTS5 table of 00011 stored each service's council and id beside its words, and a search read them back for
-- every match (most of its time). Now the FTS5 index is contentless, keyed by the document's number (an INTEGER
-- PRIMARY KEY, which VACUUM keeps), and directory_service_fts_doc holds what a search filters and orders by: the
-- council, the service, its name and status. Triggers keep both up to date. The schema test leaves both out of its
-- comparison; PostgreSQL's folder keeps the same document with its tsvector.

-- +goose Up
DROP TRIGGER directory_service_fts_delete;
DROP TRIGGER directory_service_fts_update;
DROP TRIGGER directory_service_fts_insert;
DROP TABLE directory_service_fts;

CREATE TABLE directory_service_fts_doc (
    doc        INTEGER PRIMARY KEY,
    council_id TEXT NOT NULL,
    id         TEXT NOT NULL,
    name       TEXT NOT NULL,
    status     TEXT NOT NULL,
    UNIQUE (council_id, id)
);

-- The words of each service, stemmed by the Porter stemmer; the rowid is the document's number.
CREATE VIRTUAL TABLE directory_service_fts USING fts5(
    name,
    description,
    eligibility_description,
    tokenize = 'porter unicode61',
    content = '',
    contentless_delete = 1
);

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN
    INSERT INTO directory_service_fts_doc (council_id, id, name, status) VALUES (new.council_id, new.id, new.name, new.status);
    INSERT INTO directory_service_fts (rowid, name, description, eligibility_description)
    VALUES ((SELECT doc FROM directory_service_fts_doc WHERE council_id = new.council_id AND id = new.id),
            new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF name, description, eligibility_description ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE rowid = (SELECT doc FROM directory_service_fts_doc WHERE council_id = old.council_id AND id = old.id);
    INSERT INTO directory_service_fts (rowid, name, description, eligibility_description)
    VALUES ((SELECT doc FROM directory_service_fts_doc WHERE council_id = old.council_id AND id = old.id),
            new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_doc_update AFTER UPDATE OF name, status ON directory_service BEGIN
    UPDATE directory_service_fts_doc SET name = new.name, status = new.status WHERE council_id = old.council_id AND id = old.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE rowid = (SELECT doc FROM directory_service_fts_doc WHERE council_id = old.council_id AND id = old.id);
    DELETE FROM directory_service_fts_doc WHERE council_id = old.council_id AND id = old.id;
END;
-- +goose StatementEnd

-- Services already in the directory.
INSERT INTO directory_service_fts_doc (council_id, id, name, status) SELECT council_id, id, name, status FROM directory_service;
INSERT INTO directory_service_fts (rowid, name, description, eligibility_description)
SELECT d.doc, s.name, s.description, s.eligibility_description
FROM directory_service_fts_doc d JOIN directory_service s ON s.council_id = d.council_id AND s.id = d.id;

-- +goose Down
DROP TRIGGER directory_service_fts_delete;
DROP TRIGGER directory_service_fts_doc_update;
DROP TRIGGER directory_service_fts_update;
DROP TRIGGER directory_service_fts_insert;
DROP TABLE directory_service_fts;
DROP TABLE directory_service_fts_doc;

CREATE VIRTUAL TABLE directory_service_fts USING fts5(
    council_id UNINDEXED,
    id UNINDEXED,
    name,
    description,
    eligibility_description,
    tokenize = 'porter unicode61'
);

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_insert AFTER INSERT ON directory_service BEGIN
    INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
    VALUES (new.council_id, new.id, new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_update AFTER UPDATE OF name, description, eligibility_description ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE council_id = old.council_id AND id = old.id;
    INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
    VALUES (new.council_id, new.id, new.name, new.description, new.eligibility_description);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER directory_service_fts_delete AFTER DELETE ON directory_service BEGIN
    DELETE FROM directory_service_fts WHERE council_id = old.council_id AND id = old.id;
END;
-- +goose StatementEnd

INSERT INTO directory_service_fts (council_id, id, name, description, eligibility_description)
SELECT council_id, id, name, description, eligibility_description FROM directory_service;
