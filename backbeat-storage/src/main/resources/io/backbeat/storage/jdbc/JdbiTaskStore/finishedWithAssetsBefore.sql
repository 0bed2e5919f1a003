SELECT *
FROM task
WHERE finished_at IS NOT NULL AND finished_at < :cutoff AND assets_purged_at IS NULL
ORDER BY finished_at, id
LIMIT :max
