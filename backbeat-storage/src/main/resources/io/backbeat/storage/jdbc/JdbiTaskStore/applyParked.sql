-- the worker lets go between steps: the task stays running, unleased, until its next step is due
UPDATE task
SET next_run_at = :nextRunAt,
    lease_owner = NULL,
    lease_until = NULL,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner = :owner
