-- a dead worker's task, parked and due at once; the rescue counts as an attempt so crash loops end.
-- A submit whose outcome was never recorded may have reached the upstream: it becomes unknown
-- (and so does an accepted one when the provider asked to reconcile), never sent again blind.
UPDATE task
SET lease_owner = NULL,
    lease_until = NULL,
    next_run_at = :now,
    attempts = attempts + 1,
    submit_state = CASE
      WHEN submit_state = 'intent' THEN 'unknown'
      WHEN :reconcile AND submit_state = 'accepted' THEN 'unknown'
      ELSE submit_state END,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner = :expiredOwner AND lease_until < :now
