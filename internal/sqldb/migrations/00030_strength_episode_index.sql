-- Strengths by episode. Where an episode has got to (conversations.WorkStepSQL) asks, for an episode with nothing
-- later recorded, whether it has strengths; without this index that question read every strength in the database,
-- once per such episode, and a caseload of people at the first step took a quarter of a second and more at 50,000
-- people (docs/performance.md).

-- +goose Up
CREATE INDEX strength_episode ON strength (council_id, episode_id);

-- +goose Down
DROP INDEX strength_episode;
