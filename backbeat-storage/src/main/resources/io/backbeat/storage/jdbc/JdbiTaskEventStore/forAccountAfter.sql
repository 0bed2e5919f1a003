SELECT *
FROM task_event
WHERE account_id = :accountId AND seq > :afterSeq
ORDER BY seq
LIMIT :max
