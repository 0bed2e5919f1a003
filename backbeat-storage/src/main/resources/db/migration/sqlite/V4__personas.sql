-- Backbeat schema v4, SQLite (kept in step with postgres/V4__personas.sql).
--
-- Personas: voice identities taken from a clip (generate-persona), reused by personaId in later
-- songs. One per account and source clip (a second answers 409). The voice is the engine's
-- measurement of the clip's singer, as JSON the core does not read.
CREATE TABLE persona (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES account (id),
  source_task_id TEXT NOT NULL REFERENCES task (id) ON DELETE CASCADE,
  source_clip_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  style TEXT,
  voice TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT persona_source_unique UNIQUE (account_id, source_clip_id)
) STRICT;
