-- once per channel and body: a duplicate delivery inserts nothing
INSERT INTO upstream_callback (channel, dedupe_key, task_id, upstream_id, received_at)
VALUES (:channel, :dedupeKey, :taskId, :upstreamId, :receivedAt)
ON CONFLICT DO NOTHING
