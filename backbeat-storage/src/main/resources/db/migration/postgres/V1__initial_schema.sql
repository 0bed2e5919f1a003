-- Backbeat schema v1, PostgreSQL. Kept in step with sqlite/V1__initial_schema.sql: the same tables,
-- columns, constraint and index names; only column types and identity columns differ.
--
-- Times are epoch milliseconds (BIGINT) named *_at (lease_until is the one "until"), so no driver
-- or session time zone ever shifts them. JSON columns are TEXT: the application always reads and
-- writes them whole, and both databases then hold the same bytes. States are lowercase text
-- guarded by named CHECK constraints.

CREATE TABLE account (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  -- signs this account's callbacks (whsec_...); stored readable because the account must verify them
  webhook_secret TEXT NOT NULL,
  -- after a rotation the old secret keeps signing beside the new one until it expires
  previous_webhook_secret TEXT,
  previous_webhook_secret_expires_at BIGINT,
  -- null: the account is unmetered; otherwise credits left, changed only with a ledger_entry row
  credit_balance BIGINT,
  created_at BIGINT NOT NULL,
  CONSTRAINT account_name_unique UNIQUE (name),
  CONSTRAINT credit_balance_not_negative CHECK (credit_balance IS NULL OR credit_balance >= 0),
  CONSTRAINT previous_secret_with_expiry CHECK ((previous_webhook_secret IS NULL) = (previous_webhook_secret_expires_at IS NULL))
);

CREATE TABLE api_key (
  id TEXT NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES account (id),
  name TEXT NOT NULL,
  -- a short non-secret prefix to recognise the key in listings; the key itself is only hashed
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  -- keys are revoked, never deleted, so every task keeps pointing at the key that created it
  revoked_at BIGINT,
  CONSTRAINT api_key_hash_unique UNIQUE (key_hash)
);

CREATE INDEX api_key_account_index ON api_key (account_id);

-- One table is both the record of a task and the queue entry: insert = enqueue.
CREATE TABLE task (
  id TEXT NOT NULL PRIMARY KEY,
  -- status and stage sit near the top so that SELECT * shows the state first
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES account (id),
  api_key_id TEXT REFERENCES api_key (id),
  -- TaskKind names; no list here, so a new kind needs no migration
  kind TEXT NOT NULL,
  -- which API surface created the task; decides the callback shape
  dialect TEXT NOT NULL,
  route TEXT NOT NULL,
  provider TEXT NOT NULL,
  request TEXT NOT NULL,
  original_payload TEXT,
  result TEXT,
  error_code TEXT,
  error_message TEXT,
  -- why the last attempt was retried; kept apart from error_code, which only a failure sets
  last_error TEXT,
  callback_url TEXT,
  -- a RUNNING task is leased: its worker renews lease_until; once it passes, the worker is
  -- presumed dead and the task may be claimed again
  lease_owner TEXT,
  lease_until BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- when a QUEUED task is due (also its next upstream poll or retry)
  next_run_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT,
  -- retention: when the task's files were deleted, and when its payloads were cleared
  assets_purged_at BIGINT,
  payload_purged_at BIGINT,
  CONSTRAINT status_valid CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  CONSTRAINT stage_valid CHECK (stage IN ('none', 'text', 'first', 'complete')),
  CONSTRAINT kind_length CHECK (length(kind) BETWEEN 1 AND 64),
  CONSTRAINT attempts_not_negative CHECK (attempts >= 0),
  CONSTRAINT finished_iff_terminal CHECK (
    (status IN ('succeeded', 'failed', 'canceled') AND finished_at IS NOT NULL)
    OR (status IN ('queued', 'running') AND finished_at IS NULL)),
  CONSTRAINT lease_iff_running CHECK (
    (status = 'running' AND lease_owner IS NOT NULL AND lease_until IS NOT NULL)
    OR (status <> 'running' AND lease_owner IS NULL AND lease_until IS NULL)),
  CONSTRAINT failed_has_error_code CHECK (status <> 'failed' OR error_code IS NOT NULL)
);

-- Shaped like claimDue: queued work in due order (ORDER BY next_run_at, id) ...
CREATE INDEX task_queued_due_index ON task (next_run_at, id) WHERE status = 'queued';
-- ... and running work by lease expiry, to find tasks whose worker died (also nextDueAt).
CREATE INDEX task_running_lease_index ON task (lease_until) WHERE status = 'running';
-- an account's task list, newest first
CREATE INDEX task_account_index ON task (account_id, created_at, id);
-- retention: finished tasks whose files are still there
CREATE INDEX task_finished_index ON task (finished_at) WHERE finished_at IS NOT NULL AND assets_purged_at IS NULL;

-- The timeline of every task, and the feed of live event streams.
CREATE TABLE task_event (
  -- global and increasing: the cursor of event streams. Sequence numbers are handed out before
  -- commit, so appends are serialized (JdbiTaskEventStore) to make them visible in seq order.
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  -- copied from the task so an account's stream is one index range
  account_id TEXT NOT NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  reason TEXT,
  created_at BIGINT NOT NULL,
  CONSTRAINT status_valid CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  CONSTRAINT stage_valid CHECK (stage IN ('none', 'text', 'first', 'complete'))
);

CREATE INDEX task_event_task_index ON task_event (task_id, seq);
CREATE INDEX task_event_account_index ON task_event (account_id, seq);

-- The webhook outbox: one row per callback event, written in the transaction of the state change.
CREATE TABLE webhook_delivery (
  -- the Standard Webhooks webhook-id: the same on every attempt
  id TEXT NOT NULL PRIMARY KEY,
  state TEXT NOT NULL,
  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES account (id),
  url TEXT NOT NULL,
  event_type TEXT NOT NULL,
  -- frozen when the event happens, so every attempt sends the same bytes
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,
  last_status INTEGER,
  -- a dispatcher leases a delivery while it POSTs, so two nodes do not send it at once
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  CONSTRAINT state_valid CHECK (state IN ('pending', 'delivered', 'dead')),
  CONSTRAINT attempts_not_negative CHECK (attempts >= 0),
  CONSTRAINT next_attempt_iff_pending CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL)),
  CONSTRAINT delivered_iff_delivered_at CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
  CONSTRAINT lease_owner_with_lease_until CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);

-- Shaped like claimDue: pending deliveries in due order.
CREATE INDEX webhook_delivery_pending_due_index ON webhook_delivery (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_delivery_task_index ON webhook_delivery (task_id, created_at);
-- an account's delivery list, newest first
CREATE INDEX webhook_delivery_account_index ON webhook_delivery (account_id, created_at, id);

-- Every POST of every delivery, for support and the dashboard.
CREATE TABLE webhook_attempt (
  -- a surrogate key: after a lease expiry two nodes may both have sent attempt n, and both happened
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempt_no INTEGER NOT NULL,
  attempted_at BIGINT NOT NULL,
  -- null when no HTTP answer came; then error says why
  status_code INTEGER,
  latency_ms BIGINT NOT NULL,
  response_excerpt TEXT,
  error TEXT,
  CONSTRAINT attempt_no_positive CHECK (attempt_no >= 1),
  CONSTRAINT latency_not_negative CHECK (latency_ms >= 0),
  CONSTRAINT answered_or_error CHECK (status_code IS NOT NULL OR error IS NOT NULL)
);

CREATE INDEX webhook_attempt_delivery_index ON webhook_attempt (delivery_id, attempt_no);

-- Credits move only through this ledger, each row in the transaction of the change it records.
CREATE TABLE ledger_entry (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES account (id),
  -- the task a hold, settle or refund belongs to; a top-up has none
  task_id TEXT REFERENCES task (id),
  kind TEXT NOT NULL,
  -- always positive; the kind says the direction (hold takes, refund and topup give, settle confirms)
  amount BIGINT NOT NULL,
  balance_after BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT kind_valid CHECK (kind IN ('hold', 'settle', 'refund', 'topup')),
  CONSTRAINT amount_not_negative CHECK (amount >= 0),
  CONSTRAINT balance_after_not_negative CHECK (balance_after >= 0),
  CONSTRAINT task_iff_not_topup CHECK ((kind = 'topup') = (task_id IS NULL))
);

-- money moves once per task: one hold, and then either one settle or one refund, never both
CREATE UNIQUE INDEX ledger_entry_task_kind_index ON ledger_entry (task_id, kind) WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_entry_task_final_index ON ledger_entry (task_id) WHERE kind IN ('settle', 'refund');
CREATE INDEX ledger_entry_account_index ON ledger_entry (account_id, id);

-- Idempotency-Key records (Stripe semantics): the first answer to a key, replayed until it expires.
CREATE TABLE idempotency_key (
  account_id TEXT NOT NULL REFERENCES account (id),
  -- keys are scoped to the route family: the same key on two routes is two requests
  route TEXT NOT NULL,
  key TEXT NOT NULL,
  -- a retry with the same key but another body is an error, not a replay
  request_hash TEXT NOT NULL,
  task_id TEXT REFERENCES task (id) ON DELETE CASCADE,
  response_status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, route, key),
  CONSTRAINT expires_after_created CHECK (expires_at > created_at)
);

CREATE INDEX idempotency_key_expires_index ON idempotency_key (expires_at);
