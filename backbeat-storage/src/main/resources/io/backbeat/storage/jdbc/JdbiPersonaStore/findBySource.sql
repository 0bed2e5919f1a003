SELECT * FROM persona WHERE account_id = :accountId AND source_clip_id = :sourceClipId
