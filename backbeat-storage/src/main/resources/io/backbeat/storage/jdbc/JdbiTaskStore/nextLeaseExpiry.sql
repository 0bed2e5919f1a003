-- the next moment a lease can expire (the lease reaper sleeps until then)
SELECT MIN(lease_until) AS due_at FROM task WHERE lease_owner IS NOT NULL
