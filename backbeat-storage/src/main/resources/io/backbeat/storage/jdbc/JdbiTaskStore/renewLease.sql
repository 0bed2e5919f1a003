-- only the worker holding the lease may extend it, and only while the task still runs
UPDATE task
SET lease_until = :leaseUntil
WHERE id = :id AND status = 'running' AND lease_owner = :owner
