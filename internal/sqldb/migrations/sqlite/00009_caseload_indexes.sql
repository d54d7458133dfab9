-- Indexes for caseloads at the size of a county: a team of a few thousand people is counted and put in order from
-- the person index alone, each person's next scheduled review is one index seek, and their waiting authorisations
-- another. The PostgreSQL folder holds the same. Indexes change no rows, so row-level security is unaffected.

-- +goose Up
DROP INDEX person_team;
DROP INDEX person_worker;
CREATE INDEX person_team ON person (council_id, team_id, family_key, given_key, id, restricted);
CREATE INDEX person_worker ON person (council_id, worker_id, family_key, given_key, id, restricted);
CREATE INDEX review_person_status ON review (council_id, person_id, status, due_on);
CREATE INDEX authorisation_person ON authorisation (council_id, person_id, decision);

-- +goose Down
DROP INDEX authorisation_person;
DROP INDEX review_person_status;
DROP INDEX person_worker;
DROP INDEX person_team;
CREATE INDEX person_team ON person (council_id, team_id);
CREATE INDEX person_worker ON person (council_id, worker_id);
