-- newest first; the cursor is the last row of the previous page, so pages stay stable while
-- new tasks arrive. createdFrom is inclusive, createdTo exclusive.
SELECT *
FROM task
WHERE account_id = :accountId
  AND status IN (<statuses>)
  AND (:kind IS NULL OR kind = :kind)
  AND (:createdFrom IS NULL OR created_at >= :createdFrom)
  AND (:createdTo IS NULL OR created_at < :createdTo)
  AND (:afterCreatedAt IS NULL
       OR created_at < :afterCreatedAt
       OR (created_at = :afterCreatedAt AND id < :afterId))
ORDER BY created_at DESC, id DESC
LIMIT :max
