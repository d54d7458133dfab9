-- Episodes by the day they were opened, for the measures of the episodes opened in a period (contacts resolved at
-- first contact, a KPI of the programme): without it, each period's figure read every episode the council has ever
-- opened, and a KPI reads its baseline quarter and every quarter since.

-- +goose Up
CREATE INDEX episode_opened ON episode (council_id, opened_on);

-- +goose Down
DROP INDEX episode_opened;
