-- Backbeat schema v3, SQLite (kept in step with postgres/V3__upstream_callbacks.sql).
--
-- Callbacks from upstream providers (Suno, Kling) only wake the task they name; its state is then
-- confirmed by a fetch. A callback is recorded once per channel and body hash, so a duplicate
-- (upstreams deliver at least once) is recognised on any node. For a submit whose answer was lost,
-- the upstream id a callback names is how the relay finds its job again (Suno has no lookup by our
-- reference).
CREATE TABLE upstream_callback (
  channel TEXT NOT NULL,
  -- SHA-256 of the body: the same callback delivered twice has the same key
  dedupe_key TEXT NOT NULL,
  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  -- the id the upstream gives the job, when the body names one
  upstream_id TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (channel, dedupe_key)
) STRICT;

CREATE INDEX upstream_callback_task_index ON upstream_callback (task_id, received_at);
CREATE INDEX upstream_callback_received_index ON upstream_callback (received_at);

-- per-channel counts of work an upstream holds (health, concurrency limits)
CREATE INDEX task_open_channel_index ON task (channel) WHERE channel IS NOT NULL AND status IN ('queued', 'running');
