-- keyset paging over tasks whose worker stopped renewing its lease.
-- The unary + keeps SQLite off the primary key: ordered by id it walked every task ever stored
-- (8,000 rows: 20-50 ms of CPU, in a write transaction every create waits for); through
-- task_running_lease_index it reads the leased tasks only, a handful, and sorts them.
SELECT *
FROM task
WHERE lease_owner IS NOT NULL AND lease_until < :now AND +id > :afterId
ORDER BY +id
LIMIT :max
