package io.backbeat.core.idempotency;

import java.time.Instant;

/**
 * A remembered create: the first response to {@code key} on {@code route} for {@code accountId},
 * replayed to every retry with the same body until {@code expiresAt}.
 */
public record IdempotencyRecord(
    String accountId, String route, String key, String requestHash, String taskId, int responseStatus, String responseBody,
    Instant createdAt, Instant expiresAt) {}
