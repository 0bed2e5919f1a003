-- GCRA in one statement: from tat' = max(tat, now) + interval, the request is allowed when
-- tat' - now <= tolerance (burst × interval), and then tat' is stored. A new bucket is full (burst >= 1).
-- SET sees the old row on the right of every assignment, so the order of the two does not matter.
INSERT INTO rate_limit (bucket_key, tat_micros, last_allowed)
VALUES (:key, :now + :interval, 1)
ON CONFLICT (bucket_key) DO UPDATE
SET last_allowed = CASE WHEN max(rate_limit.tat_micros, :now) + :interval - :now <= :tolerance THEN 1 ELSE 0 END,
    tat_micros = CASE WHEN max(rate_limit.tat_micros, :now) + :interval - :now <= :tolerance
                      THEN max(rate_limit.tat_micros, :now) + :interval
                      ELSE rate_limit.tat_micros END
RETURNING tat_micros, last_allowed
