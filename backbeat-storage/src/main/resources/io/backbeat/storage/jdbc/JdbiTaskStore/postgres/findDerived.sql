-- the account's earliest live or finished task of :kind made from source task :sourceTaskId (and,
-- when given, its clip :clipId): what a WAV, stems, video or cover-art request for the same source
-- finds before it makes a second one. Failed and canceled tasks do not count.
SELECT *
FROM task
WHERE account_id = :accountId
  AND kind = :kind
  AND status IN ('queued', 'running', 'succeeded')
  AND coalesce(request::jsonb #>> '{source,taskId}', request::jsonb ->> 'sourceTaskId') = :sourceTaskId
  AND (CAST(:clipId AS TEXT) IS NULL OR request::jsonb #>> '{source,clipId}' = :clipId)
ORDER BY created_at, id
LIMIT 1
