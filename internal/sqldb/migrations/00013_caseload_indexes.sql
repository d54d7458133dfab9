-- Indexes for caseloads and the golden thread view at the size of a county: a team of a few thousand people is
-- counted and put in order from the person index alone, each person's next scheduled review is one index seek,
-- their waiting authorisations another, and an episode's reviews are found by the episode rather than among every
-- completed review in the council. The PostgreSQL folder holds the same. Indexes change no rows, so row-level
-- security is unaffected.

-- +goose Up
DROP INDEX person_team;
DROP INDEX person_worker;
CREATE INDEX person_team ON person (council_id, team_id, family_key, given_key, id, restricted);
CREATE INDEX person_worker ON person (council_id, worker_id, family_key, given_key, id, restricted);
CREATE INDEX review_person_status ON review (council_id, person_id, status, due_on);
CREATE INDEX authorisation_person ON authorisation (council_id, person_id, decision);
CREATE INDEX review_episode ON review (council_id, episode_id, status, held_on);

-- +goose Down
DROP INDEX review_episode;
DROP INDEX authorisation_person;
DROP INDEX review_person_status;
DROP INDEX person_worker;
DROP INDEX person_team;
CREATE INDEX person_team ON person (council_id, team_id);
CREATE INDEX person_worker ON person (council_id, worker_id);
