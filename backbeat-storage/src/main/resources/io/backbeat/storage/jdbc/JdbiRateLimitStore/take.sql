-- GCRA for a batch, in one statement. The request counts as made at t = max(seen, now) (a lagging
-- clock is moved up to the latest time seen). First the :give tokens the node hands back go back
-- in (tat moves back, never before t: a bucket holds at most its burst); then it takes as many
-- tokens as the bucket has, up to :want: (t + tolerance - tat) / interval, each moving tat on by
-- one interval. 0 taken is a refusal and leaves tat as it is. A new bucket is full, so it grants
-- :first (computed by the caller). SET sees the old row throughout.
INSERT INTO rate_limit (bucket_key, tat_micros, seen_micros, last_allowed, last_granted)
VALUES (:key, :now + :first * :interval, :now, 1, :first)
ON CONFLICT (bucket_key) DO UPDATE
SET (tat_micros, seen_micros, last_allowed, last_granted) = (
  SELECT back + granted * :interval, t, CASE WHEN granted > 0 THEN 1 ELSE 0 END, granted
  FROM (SELECT t, back, min(:want, max(0, (t + :tolerance - back) / :interval)) AS granted
        FROM (SELECT t, max(rate_limit.tat_micros - :give * :interval, t) AS back
              FROM (SELECT max(rate_limit.seen_micros, :now) AS t) AS request) AS returned) AS answer)
RETURNING tat_micros, seen_micros, last_granted
