-- work each channel's upstream holds now: unfinished tasks whose submit reached (or may have reached) it
SELECT channel, count(*) AS open_tasks
FROM task
WHERE channel IS NOT NULL AND status IN ('queued', 'running') AND submit_state IN ('intent', 'accepted', 'unknown')
GROUP BY channel
