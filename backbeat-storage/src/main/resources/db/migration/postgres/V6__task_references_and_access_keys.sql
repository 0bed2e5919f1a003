-- Backbeat schema v6, PostgreSQL (kept in step with sqlite/V6__task_references_and_access_keys.sql).
--
-- A client's own name for a task (Kling's external_task_id): unique per account, beside the task's
-- own id. A task has at most one.
CREATE TABLE task_reference (
  account_id TEXT NOT NULL REFERENCES account (id),
  reference TEXT NOT NULL,
  task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, reference),
  CONSTRAINT task_reference_task_unique UNIQUE (task_id)
);

-- Access keys for clients that sign their own tokens (Kling's HS256 JWT, iss = access key). The
-- secret is the HMAC key of those tokens, so it is kept as issued (a hash could not verify a
-- signature), like the account's webhook secret; it is never logged. Each acts as one API key, and
-- revoking that key revokes it too.
CREATE TABLE access_key (
  access_key TEXT NOT NULL PRIMARY KEY,
  secret TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES account (id),
  api_key_id TEXT NOT NULL REFERENCES api_key (id),
  created_at BIGINT NOT NULL
);

CREATE INDEX access_key_api_key_index ON access_key (api_key_id);
