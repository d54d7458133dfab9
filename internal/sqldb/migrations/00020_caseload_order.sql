-- What puts a person where they are on a caseload, kept on the person row by triggers so that a team of thousands
-- is put in order from one index range rather than by looking up each person's reviews and duties: their next
-- scheduled review, whether they are in crisis awaiting its review, and when their earliest open required action
-- falls due (safeguarding duties apart, as only the council's safeguarding roles may see them). Triggers keep them
{{if postgres}}
-- true whichever way a review or duty is written, the demo's bulk load included. The SQLite folder holds the same,
-- with the triggers' bodies written out.
{{else}}
-- true whichever way a review or duty is written, the demo's bulk load included. The PostgreSQL folder holds the
-- same, with the triggers as functions.
{{end}}

-- +goose Up
ALTER TABLE person ADD COLUMN next_review_on {{date}};
ALTER TABLE person ADD COLUMN in_crisis BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE person ADD COLUMN duty_due {{timestamp}};
ALTER TABLE person ADD COLUMN safeguarding_due {{timestamp}};

{{if postgres}}
-- +goose StatementBegin
CREATE FUNCTION person_next_review(c TEXT, p TEXT) RETURNS void LANGUAGE sql AS $$
    UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = c AND r.person_id = p AND r.status = 'scheduled')
    WHERE council_id = c AND id = p;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION person_duties_due(c TEXT, p TEXT) RETURNS void LANGUAGE sql AS $$
    UPDATE person SET
        in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = c AND d.person_id = p AND d.met_at IS NULL AND d.kind = 'crisis_review'),
        duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = c AND d.person_id = p AND d.met_at IS NULL
            AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
        safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = c AND d.person_id = p AND d.met_at IS NULL
            AND d.kind IN ('section42_decision', 'advocate_safeguarding'))
    WHERE council_id = c AND id = p;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION review_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM person_next_review(NEW.council_id, NEW.person_id);
    END IF;
    IF TG_OP = 'DELETE' OR OLD.person_id <> NEW.person_id THEN
        PERFORM person_next_review(OLD.council_id, OLD.person_id);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION duty_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM person_duties_due(NEW.council_id, NEW.person_id);
    END IF;
    IF TG_OP = 'DELETE' OR OLD.person_id <> NEW.person_id THEN
        PERFORM person_duties_due(OLD.council_id, OLD.person_id);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER review_next AFTER INSERT OR UPDATE OF due_on, status, person_id OR DELETE ON review
    FOR EACH ROW EXECUTE FUNCTION review_next();
CREATE TRIGGER duty_due AFTER INSERT OR UPDATE OF due_at, met_at, kind, person_id OR DELETE ON duty
    FOR EACH ROW EXECUTE FUNCTION duty_due();

-- Fill in the people already recorded. The tables' owner passes the council wall only while it is not forced.
ALTER TABLE person NO FORCE ROW LEVEL SECURITY;
ALTER TABLE review NO FORCE ROW LEVEL SECURITY;
ALTER TABLE duty NO FORCE ROW LEVEL SECURITY;
{{end}}
UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = person.council_id AND r.person_id = person.id AND r.status = 'scheduled');
UPDATE person SET
    in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL AND d.kind = 'crisis_review'),
    duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
        AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
    safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
        AND d.kind IN ('section42_decision', 'advocate_safeguarding'));
{{if postgres}}
ALTER TABLE person FORCE ROW LEVEL SECURITY;
ALTER TABLE review FORCE ROW LEVEL SECURITY;
ALTER TABLE duty FORCE ROW LEVEL SECURITY;
{{else}}

-- +goose StatementBegin
CREATE TRIGGER review_next_insert AFTER INSERT ON review BEGIN
    UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = NEW.council_id AND r.person_id = NEW.person_id AND r.status = 'scheduled')
    WHERE council_id = NEW.council_id AND id = NEW.person_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER review_next_update AFTER UPDATE OF due_on, status, person_id ON review BEGIN
    UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = person.council_id AND r.person_id = person.id AND r.status = 'scheduled')
    WHERE council_id = NEW.council_id AND id IN (NEW.person_id, OLD.person_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER review_next_delete AFTER DELETE ON review BEGIN
    UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = OLD.council_id AND r.person_id = OLD.person_id AND r.status = 'scheduled')
    WHERE council_id = OLD.council_id AND id = OLD.person_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER duty_due_insert AFTER INSERT ON duty BEGIN
    UPDATE person SET
        in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL AND d.kind = 'crisis_review'),
        duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
        safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind IN ('section42_decision', 'advocate_safeguarding'))
    WHERE council_id = NEW.council_id AND id = NEW.person_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER duty_due_update AFTER UPDATE OF due_at, met_at, kind, person_id ON duty BEGIN
    UPDATE person SET
        in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL AND d.kind = 'crisis_review'),
        duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
        safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind IN ('section42_decision', 'advocate_safeguarding'))
    WHERE council_id = NEW.council_id AND id IN (NEW.person_id, OLD.person_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER duty_due_delete AFTER DELETE ON duty BEGIN
    UPDATE person SET
        in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL AND d.kind = 'crisis_review'),
        duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
        safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
            AND d.kind IN ('section42_decision', 'advocate_safeguarding'))
    WHERE council_id = OLD.council_id AND id = OLD.person_id;
END;
-- +goose StatementEnd
{{end}}

-- A team's or a worker's people in caseload order, from the index alone.
DROP INDEX person_team;
DROP INDEX person_worker;
CREATE INDEX person_team ON person (council_id, team_id, in_crisis, duty_due, safeguarding_due, next_review_on, family_key, given_key, id, restricted);
CREATE INDEX person_worker ON person (council_id, worker_id, in_crisis, duty_due, safeguarding_due, next_review_on, family_key, given_key, id, restricted);

-- +goose Down
DROP INDEX person_worker;
DROP INDEX person_team;
CREATE INDEX person_team ON person (council_id, team_id, family_key, given_key, id, restricted);
CREATE INDEX person_worker ON person (council_id, worker_id, family_key, given_key, id, restricted);
{{if postgres}}
DROP TRIGGER duty_due ON duty;
DROP TRIGGER review_next ON review;
DROP FUNCTION duty_due();
DROP FUNCTION review_next();
DROP FUNCTION person_duties_due(TEXT, TEXT);
DROP FUNCTION person_next_review(TEXT, TEXT);
{{else}}
DROP TRIGGER duty_due_delete;
DROP TRIGGER duty_due_update;
DROP TRIGGER duty_due_insert;
DROP TRIGGER review_next_delete;
DROP TRIGGER review_next_update;
DROP TRIGGER review_next_insert;
{{end}}
ALTER TABLE person DROP COLUMN safeguarding_due;
ALTER TABLE person DROP COLUMN duty_due;
ALTER TABLE person DROP COLUMN in_crisis;
ALTER TABLE person DROP COLUMN next_review_on;
