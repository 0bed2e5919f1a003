-- Backbeat schema v8, PostgreSQL (kept in step with sqlite/V8__rate_limits.sql).
--
-- Rate limits shared by every node on this database: one row per bucket key (create:<api key>,
-- poll:<api key>:<task>), kept by GCRA. tat_micros is the bucket's theoretical arrival time in epoch
-- microseconds (finer than the milliseconds used elsewhere: a 1000/s limit is a 1 ms interval);
-- the bucket is full once it is in the past, so such rows may be deleted at any time.
-- seen_micros is the latest request time seen on the bucket: a request whose clock lags behind it
-- (a thread stalled between reading the clock and the statement, a node whose clock is behind)
-- counts as made then, instead of looking like a burst from the past.
-- last_allowed says whether the last request was let through (the upsert's RETURNING needs it).
CREATE TABLE rate_limit (
  bucket_key TEXT NOT NULL PRIMARY KEY,
  tat_micros BIGINT NOT NULL,
  seen_micros BIGINT NOT NULL,
  last_allowed BOOLEAN NOT NULL
);

CREATE INDEX rate_limit_tat_index ON rate_limit (tat_micros);
