{{if postgres}}
-- The words of each service, one row a word, so a search by words is an index look-up under the council wall.
-- Under row-level security PostgreSQL cannot use the GIN index of 00011: a text-search match is not "leakproof",
-- so it must be tested after the wall's policy, never as an index condition, and every search read every service
-- of the council in full (its name, descriptions and all). Looking up a word is a text equality, which is
-- leakproof, so directory_service_fts_word's key is used as an index and is enough to answer a search: each
-- service's words (lexemes, stemmed by the English stemmer), how much each counts (ts_rank of the service's words
-- for that one word: the name weighs most, then the description, then eligibility), and the name and status the
-- search orders and filters by. A trigger keeps it up to date. The schema test leaves it out of its comparison;
-- SQLite's folder keeps a searchable document of each service beside its FTS5 index instead.

-- +goose Up
CREATE TABLE directory_service_fts_word (
    council_id TEXT NOT NULL,
    word       TEXT NOT NULL,
    id         TEXT NOT NULL,
    weight     REAL NOT NULL,
    name       TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (council_id, word, id) INCLUDE (weight, name, status)
);
CREATE INDEX directory_service_fts_word_service ON directory_service_fts_word (council_id, id);
{{wall "directory_service_fts_word"}}

-- +goose StatementBegin
CREATE FUNCTION directory_service_fts_word() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM directory_service_fts_word WHERE council_id = OLD.council_id AND id = OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN NULL;
    END IF;
    INSERT INTO directory_service_fts_word (council_id, word, id, weight, name, status)
    SELECT NEW.council_id, w.lexeme, NEW.id, ts_rank(d.v, quote_literal(w.lexeme)::tsquery), NEW.name, NEW.status
    FROM (SELECT setweight(to_tsvector('english'::regconfig, NEW.name), 'A') ||
                 setweight(to_tsvector('english'::regconfig, NEW.description), 'B') ||
                 setweight(to_tsvector('english'::regconfig, NEW.eligibility_description), 'C') AS v) d,
         unnest(d.v) w;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER directory_service_fts_word AFTER INSERT OR UPDATE OF name, description, eligibility_description, status OR DELETE
    ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_fts_word();

-- Services already in the directory. The tables' owner passes the council wall only while it is not forced.
ALTER TABLE directory_service NO FORCE ROW LEVEL SECURITY;
ALTER TABLE directory_service_fts_word NO FORCE ROW LEVEL SECURITY;
INSERT INTO directory_service_fts_word (council_id, word, id, weight, name, status)
SELECT s.council_id, w.lexeme, s.id, ts_rank(s.search_vector, quote_literal(w.lexeme)::tsquery), s.name, s.status
FROM directory_service s, unnest(s.search_vector) w;
ALTER TABLE directory_service FORCE ROW LEVEL SECURITY;
ALTER TABLE directory_service_fts_word FORCE ROW LEVEL SECURITY;

DROP INDEX directory_service_search;
ALTER TABLE directory_service DROP COLUMN search_vector;

-- +goose Down
ALTER TABLE directory_service ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B') ||
    setweight(to_tsvector('english'::regconfig, eligibility_description), 'C')
) STORED;
CREATE INDEX directory_service_search ON directory_service USING GIN (search_vector);
DROP TRIGGER directory_service_fts_word ON directory_service;
DROP FUNCTION directory_service_fts_word();
DROP TABLE directory_service_fts_word;
{{else}}
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
{{end}}
