-- GCRA in one statement: from tat' = max(tat, now) + interval, the request is allowed when
-- tat' - now <= tolerance (burst × interval), and then tat' is stored. A new bucket is full (burst >= 1).
-- SET sees the old row on the right of every assignment, so the order of the two does not matter.
-- A concurrent request on the same key waits for this row lock only until this statement's commit.
INSERT INTO rate_limit (bucket_key, tat_micros, last_allowed)
VALUES (:key, CAST(:now AS BIGINT) + :interval, TRUE)
ON CONFLICT (bucket_key) DO UPDATE
SET last_allowed = GREATEST(rate_limit.tat_micros, :now) + :interval - :now <= :tolerance,
    tat_micros = CASE WHEN GREATEST(rate_limit.tat_micros, :now) + :interval - :now <= :tolerance
                      THEN GREATEST(rate_limit.tat_micros, :now) + :interval
                      ELSE rate_limit.tat_micros END
RETURNING tat_micros, last_allowed
