INSERT INTO task (
  id, status, stage, account_id, api_key_id, kind, dialect, route, provider,
  request, original_payload, result, error_code, error_message, callback_url,
  channel, upstream_id, submit_state, provider_state,
  lease_owner, lease_until, attempts, next_run_at, created_at, updated_at, finished_at)
VALUES (
  :id, :status, :stage, :accountId, :apiKeyId, :kind, :dialect, :route, :provider,
  :request, :originalPayload, :result, :errorCode, :errorMessage, :callbackUrl,
  :channel, :upstreamId, :submitState, :providerState,
  :leaseOwner, :leaseUntil, :attempts, :nextRunAt, :createdAt, :updatedAt, :finishedAt)
