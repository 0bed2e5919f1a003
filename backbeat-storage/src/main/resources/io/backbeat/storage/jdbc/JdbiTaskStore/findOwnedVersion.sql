-- a poll's cheap check: no JSON columns (see TaskVersion); the account is part of the key, as in findOwned
SELECT id, route, status, updated_at, payload_purged_at FROM task WHERE id = :id AND account_id = :accountId
