-- an upstream callback's wake-up: a parked task runs its next step (a confirming fetch) now.
-- A task already due, or running a step right now, is left alone: that step fetches anyway.
UPDATE task
SET next_run_at = :now,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner IS NULL AND next_run_at > :now
