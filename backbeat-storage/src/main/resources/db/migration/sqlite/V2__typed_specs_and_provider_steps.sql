-- Backbeat schema v2, SQLite (kept in step with postgres/V2__typed_specs_and_provider_steps.sql).
--
-- 1. Task requests become typed, versioned specs ({"v":1,"type":…}). Rows written before were the
--    untyped normalized request of the only two kinds that existed (songs and lyrics); they are
--    rewritten here once, so the application reads one format only. An empty object stays empty:
--    retention purged it.
UPDATE task
SET request = json_object('v', 1, 'type', 'lyrics', 'prompt', json_extract(request, '$.prompt'), 'callbackUrl', callback_url)
WHERE kind = 'LYRICS' AND request <> '{}' AND json_extract(request, '$.type') IS NULL;

UPDATE task
SET request = json_object(
  'v', 1,
  'type', 'song',
  'model', json_extract(request, '$.model'),
  'composition', json_object(
    'prompt', CASE WHEN json_extract(request, '$.customMode') THEN NULL ELSE coalesce(json_extract(request, '$.prompt'), '') END,
    'lyrics', CASE WHEN json_extract(request, '$.customMode') AND NOT json_extract(request, '$.instrumental')
                   THEN json_extract(request, '$.prompt') END,
    'title', CASE WHEN json_extract(request, '$.customMode') THEN json_extract(request, '$.title') END,
    'style', CASE WHEN json_extract(request, '$.customMode') THEN json_extract(request, '$.style') END,
    'instrumental', json(CASE WHEN json_extract(request, '$.instrumental') THEN 'true' ELSE 'false' END),
    'shaping', json_object(
      'excludedStyles', json_extract(request, '$.negativeTags'),
      'vocalGender', CASE json_extract(request, '$.vocalGender') WHEN 'f' THEN 'FEMALE' WHEN 'm' THEN 'MALE' END,
      'styleWeight', json_extract(request, '$.styleWeight'),
      'weirdness', json_extract(request, '$.weirdnessConstraint'),
      'audioWeight', json_extract(request, '$.audioWeight'),
      'personaId', json_extract(request, '$.personaId'))),
  'maxLengthSeconds', coalesce(json_extract(request, '$.maxLengthSeconds'), 240),
  'callbackUrl', callback_url)
WHERE kind = 'SONG' AND request <> '{}' AND json_extract(request, '$.type') IS NULL;

-- 2. The task table gains provider state, and RUNNING work may wait unleased ("parked") for its
--    next step (an upstream poll), holding no worker. SQLite cannot alter a constraint, so the
--    table is rebuilt (foreign keys are off on our connections, so nothing cascades).
CREATE TABLE task_v2 (
  id TEXT NOT NULL PRIMARY KEY,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES account (id),
  api_key_id TEXT REFERENCES api_key (id),
  kind TEXT NOT NULL,
  dialect TEXT NOT NULL,
  route TEXT NOT NULL,
  provider TEXT NOT NULL,
  -- the typed spec, {"v":1,"type":…}; '{}' once retention purged it
  request TEXT NOT NULL,
  original_payload TEXT,
  result TEXT,
  error_code TEXT,
  error_message TEXT,
  last_error TEXT,
  callback_url TEXT,
  -- which upstream channel serves the task, and the id the upstream gave it (relays only)
  channel TEXT,
  upstream_id TEXT,
  -- exactly-once submits: the intent is recorded before an upstream call, the outcome after it;
  -- an intent whose outcome never arrived (the worker died) becomes 'unknown' and is reconciled
  submit_state TEXT NOT NULL DEFAULT 'none',
  -- opaque JSON that only the provider reads (poll cursor, upstream status)
  provider_state TEXT,
  -- a leased RUNNING task has a worker; an unleased RUNNING task is parked until next_run_at
  lease_owner TEXT,
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- when a queued task is due, or when a parked one runs its next step (an upstream poll)
  next_run_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER,
  assets_purged_at INTEGER,
  payload_purged_at INTEGER,
  CONSTRAINT status_valid CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  CONSTRAINT stage_valid CHECK (stage IN ('none', 'text', 'first', 'complete')),
  CONSTRAINT kind_length CHECK (length(kind) BETWEEN 1 AND 64),
  CONSTRAINT attempts_not_negative CHECK (attempts >= 0),
  CONSTRAINT finished_iff_terminal CHECK (
    (status IN ('succeeded', 'failed', 'canceled') AND finished_at IS NOT NULL)
    OR (status IN ('queued', 'running') AND finished_at IS NULL)),
  CONSTRAINT lease_only_while_running CHECK (
    ((lease_owner IS NULL) = (lease_until IS NULL)) AND (status = 'running' OR lease_owner IS NULL)),
  CONSTRAINT failed_has_error_code CHECK (status <> 'failed' OR error_code IS NOT NULL),
  CONSTRAINT submit_state_valid CHECK (submit_state IN ('none', 'intent', 'not_sent', 'accepted', 'unknown'))
) STRICT;

INSERT INTO task_v2 (
  id, status, stage, account_id, api_key_id, kind, dialect, route, provider, request, original_payload, result,
  error_code, error_message, last_error, callback_url, lease_owner, lease_until, attempts, next_run_at, created_at,
  updated_at, finished_at, assets_purged_at, payload_purged_at)
SELECT
  id, status, stage, account_id, api_key_id, kind, dialect, route, provider, request, original_payload, result,
  error_code, error_message, last_error, callback_url, lease_owner, lease_until, attempts, next_run_at, created_at,
  updated_at, finished_at, assets_purged_at, payload_purged_at
FROM task;

DROP TABLE task;
ALTER TABLE task_v2 RENAME TO task;

-- Shaped like claimDue and claimWakeUps (per provider, due order): work with no worker on it,
-- queued or parked ...
CREATE INDEX task_due_index ON task (provider, next_run_at, id) WHERE lease_owner IS NULL AND status IN ('queued', 'running');
-- ... and leased work by lease expiry, to find tasks whose worker died (the lease reaper).
CREATE INDEX task_running_lease_index ON task (lease_until) WHERE lease_owner IS NOT NULL;
CREATE INDEX task_account_index ON task (account_id, created_at, id);
CREATE INDEX task_finished_index ON task (finished_at) WHERE finished_at IS NOT NULL AND assets_purged_at IS NULL;
-- upstream callbacks and reconciliation find a relayed task by the id its upstream gave it
CREATE INDEX task_upstream_index ON task (channel, upstream_id) WHERE upstream_id IS NOT NULL;

-- 3. Synchronous routes answer once their task has finished, so their idempotency record has no
--    stored answer: a replay renders it from the finished task.
CREATE TABLE idempotency_key_v2 (
  account_id TEXT NOT NULL REFERENCES account (id),
  route TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  task_id TEXT REFERENCES task (id) ON DELETE CASCADE,
  -- null for synchronous routes: the answer is rendered from the finished task
  response_status INTEGER,
  response_body TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, route, key),
  CONSTRAINT expires_after_created CHECK (expires_at > created_at),
  CONSTRAINT response_stored_whole CHECK ((response_status IS NULL) = (response_body IS NULL))
) STRICT;

INSERT INTO idempotency_key_v2 (account_id, route, key, request_hash, task_id, response_status, response_body, created_at, expires_at)
SELECT account_id, route, key, request_hash, task_id, response_status, response_body, created_at, expires_at FROM idempotency_key;

DROP TABLE idempotency_key;
ALTER TABLE idempotency_key_v2 RENAME TO idempotency_key;
CREATE INDEX idempotency_key_expires_index ON idempotency_key (expires_at);
