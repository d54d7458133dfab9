-- What puts a person where they are on a caseload, kept on the person row by triggers so that a team of thousands
-- is put in order from one index range rather than by looking up each person's reviews and duties: their next
-- scheduled review, whether they are in crisis awaiting its review, and when their earliest open required action
-- falls due (safeguarding duties apart, as only the council's safeguarding roles may see them). Triggers keep them
-- true whichever way a review or duty is written, the demo's bulk load included. The PostgreSQL folder holds the
-- same, with the triggers as functions.

-- +goose Up
ALTER TABLE person ADD COLUMN next_review_on TEXT;
ALTER TABLE person ADD COLUMN in_crisis BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE person ADD COLUMN duty_due TIMESTAMP;
ALTER TABLE person ADD COLUMN safeguarding_due TIMESTAMP;

UPDATE person SET next_review_on = (SELECT min(r.due_on) FROM review r WHERE r.council_id = person.council_id AND r.person_id = person.id AND r.status = 'scheduled');
UPDATE person SET
    in_crisis = EXISTS (SELECT 1 FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL AND d.kind = 'crisis_review'),
    duty_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
        AND d.kind NOT IN ('section42_decision', 'advocate_safeguarding')),
    safeguarding_due = (SELECT min(d.due_at) FROM duty d WHERE d.council_id = person.council_id AND d.person_id = person.id AND d.met_at IS NULL
        AND d.kind IN ('section42_decision', 'advocate_safeguarding'));

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
DROP TRIGGER duty_due_delete;
DROP TRIGGER duty_due_update;
DROP TRIGGER duty_due_insert;
DROP TRIGGER review_next_delete;
DROP TRIGGER review_next_update;
DROP TRIGGER review_next_insert;
ALTER TABLE person DROP COLUMN safeguarding_due;
ALTER TABLE person DROP COLUMN duty_due;
ALTER TABLE person DROP COLUMN in_crisis;
ALTER TABLE person DROP COLUMN next_review_on;
