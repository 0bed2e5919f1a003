UPDATE task SET assets_purged_at = :now WHERE id = :id
