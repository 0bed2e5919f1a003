-- Held until commit: appends commit one after another, in seq order. The key is an arbitrary
-- constant that stands for "task_event appends".
SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7316244318532780337)) AS held
