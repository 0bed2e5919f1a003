-- the create's claim on a one-per-source output; does nothing when another task holds it (the row
-- count says which: on PostgreSQL a concurrent claim waits here for the other create to end)
INSERT INTO output_claim (account_id, kind, source_task_id, clip_id, task_id)
VALUES (:accountId, :kind, :sourceTaskId, :clipId, :taskId)
ON CONFLICT DO NOTHING
