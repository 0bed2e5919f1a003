-- only the worker holding the lease writes the provider's handle (intent before a submit, outcome after)
UPDATE task
SET channel = :channel,
    upstream_id = :upstreamId,
    submit_state = :submitState,
    provider_state = :providerState,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner = :owner
