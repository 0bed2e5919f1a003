-- the task holding a one-per-source output
SELECT task_id
FROM output_claim
WHERE account_id = :accountId AND kind = :kind AND source_task_id = :sourceTaskId AND clip_id = :clipId
