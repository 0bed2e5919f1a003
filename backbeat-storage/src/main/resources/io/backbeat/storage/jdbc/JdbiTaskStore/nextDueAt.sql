-- the next moment claimDue or claimWakeUps could return something for these providers
SELECT MIN(next_run_at) AS due_at
FROM task
WHERE provider IN (<providers>) AND lease_owner IS NULL AND status IN ('queued', 'running')
