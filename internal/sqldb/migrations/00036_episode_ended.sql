-- Episodes by the day they ended, holding what an audit round samples them by, so that a round reads the open
-- episodes (no end date) and those that ended in the months before it from this index alone, rather than walking
-- every person's every episode and then each episode's row.

-- +goose Up
CREATE INDEX episode_ended ON episode (council_id, ended_on, result, team_id, worker_id, person_id, opened_on, id);

-- +goose Down
DROP INDEX episode_ended;
