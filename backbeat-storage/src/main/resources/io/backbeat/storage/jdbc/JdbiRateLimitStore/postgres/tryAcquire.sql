-- GCRA in one statement. The request counts as made at t = max(seen, now) (a lagging clock is
-- moved up to the latest time seen); from tat' = max(tat, now) + interval (tat >= seen always), it
-- is allowed when tat' - t <= tolerance (burst × interval), and then tat' is stored. A new bucket
-- is full (burst >= 1). SET sees the old row on the right of every assignment. A concurrent request
-- on the same key waits for this row lock only until this statement's commit.
INSERT INTO rate_limit (bucket_key, tat_micros, seen_micros, last_allowed)
VALUES (:key, CAST(:now AS BIGINT) + :interval, :now, TRUE)
ON CONFLICT (bucket_key) DO UPDATE
SET seen_micros = GREATEST(rate_limit.seen_micros, :now),
    last_allowed = GREATEST(rate_limit.tat_micros, :now) + :interval - GREATEST(rate_limit.seen_micros, :now) <= :tolerance,
    tat_micros = CASE WHEN GREATEST(rate_limit.tat_micros, :now) + :interval - GREATEST(rate_limit.seen_micros, :now) <= :tolerance
                      THEN GREATEST(rate_limit.tat_micros, :now) + :interval
                      ELSE rate_limit.tat_micros END
RETURNING tat_micros, seen_micros, last_allowed
