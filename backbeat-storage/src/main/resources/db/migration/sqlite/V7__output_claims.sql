-- Backbeat schema v7, SQLite (kept in step with postgres/V7__output_claims.sql).
--
-- One-per-source outputs (one WAV per clip, one cover set per music task, one persona per clip):
-- the create transaction writes its claim here beside the task row, so of two simultaneous
-- requests the primary key lets one through. clip_id is '' for a claim on the whole source task.
-- A claim lives while its task is queued, running or succeeded; failing or canceling the task
-- deletes it, so the output can be requested again.
CREATE TABLE output_claim (
  account_id TEXT NOT NULL REFERENCES account (id),
  kind TEXT NOT NULL,
  source_task_id TEXT NOT NULL,
  clip_id TEXT NOT NULL,
  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, kind, source_task_id, clip_id),
  CONSTRAINT output_claim_task_unique UNIQUE (task_id)
) STRICT;

-- tasks created before v7 keep their outputs: the earliest live or finished one of each source claims it
INSERT OR IGNORE INTO output_claim (account_id, kind, source_task_id, clip_id, task_id)
SELECT account_id, kind, coalesce(json_extract(request, '$.source.taskId'), json_extract(request, '$.sourceTaskId')), CASE WHEN kind = 'COVER_ART' THEN '' ELSE coalesce(json_extract(request, '$.source.clipId'), '') END, id
FROM task
WHERE kind IN ('WAV', 'COVER_ART', 'PERSONA')
  AND status IN ('queued', 'running', 'succeeded')
  AND coalesce(json_extract(request, '$.source.taskId'), json_extract(request, '$.sourceTaskId')) IS NOT NULL
ORDER BY created_at, id;
