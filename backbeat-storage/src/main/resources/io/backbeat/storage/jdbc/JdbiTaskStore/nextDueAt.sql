-- the next moment claimDue could return something: a queued task falls due, or a lease expires
SELECT MIN(due_at) AS due_at
FROM (
  SELECT MIN(next_run_at) AS due_at FROM task WHERE status = 'queued'
  UNION ALL
  SELECT MIN(lease_until) AS due_at FROM task WHERE status = 'running'
) AS due
