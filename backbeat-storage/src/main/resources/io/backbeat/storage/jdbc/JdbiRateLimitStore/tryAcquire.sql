-- GCRA in one statement. The request counts as made at t = max(seen, now) (a lagging clock is
-- moved up to the latest time seen); from tat' = max(tat, now) + interval (tat >= seen always), it
-- is allowed when tat' - t <= tolerance (burst × interval), and then tat' is stored. A new bucket
-- is full (burst >= 1). SET sees the old row on the right of every assignment.
INSERT INTO rate_limit (bucket_key, tat_micros, seen_micros, last_allowed)
VALUES (:key, :now + :interval, :now, 1)
ON CONFLICT (bucket_key) DO UPDATE
SET seen_micros = max(rate_limit.seen_micros, :now),
    last_allowed = CASE WHEN max(rate_limit.tat_micros, :now) + :interval - max(rate_limit.seen_micros, :now) <= :tolerance
                        THEN 1 ELSE 0 END,
    tat_micros = CASE WHEN max(rate_limit.tat_micros, :now) + :interval - max(rate_limit.seen_micros, :now) <= :tolerance
                      THEN max(rate_limit.tat_micros, :now) + :interval
                      ELSE rate_limit.tat_micros END
RETURNING tat_micros, seen_micros, last_allowed
