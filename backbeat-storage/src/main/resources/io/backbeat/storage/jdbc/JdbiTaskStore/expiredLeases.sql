-- keyset paging over tasks whose worker stopped renewing its lease
SELECT *
FROM task
WHERE lease_owner IS NOT NULL AND lease_until < :now AND id > :afterId
ORDER BY id
LIMIT :max
