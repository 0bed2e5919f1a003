INSERT INTO persona (id, account_id, source_task_id, source_clip_id, name, description, style, voice, created_at)
VALUES (:id, :accountId, :sourceTaskId, :sourceClipId, :name, :description, :style, :voice, :createdAt)
