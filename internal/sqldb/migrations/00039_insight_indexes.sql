-- The records the measures read by day, so that a measure for a year reads that year's rows from an index rather
-- than every row the council has: solutions by the day they were agreed, completed reviews by the day they were
-- held, and conversations by the day they were held (the Client Level Data return's short-term assessments).

-- +goose Up
CREATE INDEX solution_created ON solution (council_id, created_at);
CREATE INDEX review_held ON review (council_id, status, held_on);
CREATE INDEX conversation_held ON conversation (council_id, held_on, step, episode_id);

-- +goose Down
DROP INDEX conversation_held;
DROP INDEX review_held;
DROP INDEX solution_created;
