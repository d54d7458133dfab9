-- Episodes ended before steps followed the work kept the steps they never reached as "not started". Ending an
-- episode now completes the step it ended at (and any earlier step still in progress) and records every step never
-- reached as not needed, with the ending as the reason: this brings the steps of episodes already ended into line,
-- as conversations.EndSteps would have left them.

-- +goose Up
{{if postgres}}
-- Row-level security is lifted for the update alone, as for the backfill of 00020, and put back.
ALTER TABLE episode NO FORCE ROW LEVEL SECURITY;
ALTER TABLE episode_step NO FORCE ROW LEVEL SECURITY;
{{end}}
UPDATE episode_step SET status = 'completed', version = version + 1
WHERE status IN ('not_started', 'in_progress') AND EXISTS (SELECT 1 FROM episode e
    WHERE e.council_id = episode_step.council_id AND e.id = episode_step.episode_id AND e.result <> '' AND e.ended_step = episode_step.step);
UPDATE episode_step SET status = 'completed', version = version + 1
WHERE status = 'in_progress' AND EXISTS (SELECT 1 FROM episode e
    WHERE e.council_id = episode_step.council_id AND e.id = episode_step.episode_id AND e.result <> '' AND episode_step.step < e.ended_step);
UPDATE episode_step SET status = 'not_needed', version = version + 1,
    reason = (SELECT 'The episode ended at step ' || e.ended_step || ': ' || CASE WHEN e.result LIKE 'NFA: %'
            THEN lower(substr(e.result, 6, 1)) || substr(e.result, 7) ELSE lower(substr(e.result, 1, 1)) || substr(e.result, 2) END
        FROM episode e WHERE e.council_id = episode_step.council_id AND e.id = episode_step.episode_id)
WHERE status = 'not_started' AND EXISTS (SELECT 1 FROM episode e
    WHERE e.council_id = episode_step.council_id AND e.id = episode_step.episode_id AND e.result <> '');
{{if postgres}}
ALTER TABLE episode FORCE ROW LEVEL SECURITY;
ALTER TABLE episode_step FORCE ROW LEVEL SECURITY;
{{end}}

-- +goose Down
-- The steps as they stood before are not kept, so there is nothing to put back.
