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
ALTER TABLE directory_service_fts_word ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_service_fts_word FORCE ROW LEVEL SECURITY;
CREATE POLICY council_wall ON directory_service_fts_word USING (council_id = current_setting('app.council_id', true)) WITH CHECK (council_id = current_setting('app.council_id', true));

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
