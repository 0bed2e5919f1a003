-- Backbeat schema v2, PostgreSQL (kept in step with sqlite/V2__typed_specs_and_provider_steps.sql).
--
-- 1. Task requests become typed, versioned specs ({"v":1,"type":…}). Rows written before were the
--    untyped normalized request of the only two kinds that existed (songs and lyrics); they are
--    rewritten here once. An empty object stays empty: retention purged it.
UPDATE task
SET request = jsonb_build_object('v', 1, 'type', 'lyrics', 'prompt', request::jsonb -> 'prompt', 'callbackUrl', callback_url)::text
WHERE kind = 'LYRICS' AND request <> '{}' AND NOT (request::jsonb ? 'type');

UPDATE task
SET request = jsonb_build_object(
  'v', 1,
  'type', 'song',
  'model', r -> 'model',
  'composition', jsonb_build_object(
    'prompt', CASE WHEN (r ->> 'customMode')::boolean THEN NULL ELSE coalesce(r -> 'prompt', '""'::jsonb) END,
    'lyrics', CASE WHEN (r ->> 'customMode')::boolean AND NOT (r ->> 'instrumental')::boolean THEN r -> 'prompt' END,
    'title', CASE WHEN (r ->> 'customMode')::boolean THEN r -> 'title' END,
    'style', CASE WHEN (r ->> 'customMode')::boolean THEN r -> 'style' END,
    'instrumental', coalesce((r ->> 'instrumental')::boolean, false),
    'shaping', jsonb_build_object(
      'excludedStyles', r -> 'negativeTags',
      'vocalGender', CASE r ->> 'vocalGender' WHEN 'f' THEN 'FEMALE' WHEN 'm' THEN 'MALE' END,
      'styleWeight', r -> 'styleWeight',
      'weirdness', r -> 'weirdnessConstraint',
      'audioWeight', r -> 'audioWeight',
      'personaId', r -> 'personaId')),
  'maxLengthSeconds', coalesce(r -> 'maxLengthSeconds', '240'::jsonb),
  'callbackUrl', callback_url)::text
FROM (SELECT id AS rid, request::jsonb AS r FROM task) AS legacy
WHERE task.id = legacy.rid AND kind = 'SONG' AND request <> '{}' AND NOT (legacy.r ? 'type');

-- 2. Provider state, and RUNNING work that waits unleased ("parked") for its next step.
ALTER TABLE task ADD COLUMN channel TEXT;
ALTER TABLE task ADD COLUMN upstream_id TEXT;
ALTER TABLE task ADD COLUMN submit_state TEXT NOT NULL DEFAULT 'none';
ALTER TABLE task ADD COLUMN provider_state TEXT;
ALTER TABLE task ADD CONSTRAINT submit_state_valid CHECK (submit_state IN ('none', 'intent', 'not_sent', 'accepted', 'unknown'));
ALTER TABLE task DROP CONSTRAINT lease_iff_running;
ALTER TABLE task ADD CONSTRAINT lease_only_while_running CHECK (
  ((lease_owner IS NULL) = (lease_until IS NULL)) AND (status = 'running' OR lease_owner IS NULL));

DROP INDEX task_queued_due_index;
DROP INDEX task_running_lease_index;
CREATE INDEX task_due_index ON task (provider, next_run_at, id) WHERE lease_owner IS NULL AND status IN ('queued', 'running');
CREATE INDEX task_running_lease_index ON task (lease_until) WHERE lease_owner IS NOT NULL;
CREATE INDEX task_upstream_index ON task (channel, upstream_id) WHERE upstream_id IS NOT NULL;

-- 3. Synchronous routes: a replay renders the answer from the finished task.
ALTER TABLE idempotency_key ALTER COLUMN response_status DROP NOT NULL;
ALTER TABLE idempotency_key ALTER COLUMN response_body DROP NOT NULL;
ALTER TABLE idempotency_key ADD CONSTRAINT response_stored_whole CHECK ((response_status IS NULL) = (response_body IS NULL));
