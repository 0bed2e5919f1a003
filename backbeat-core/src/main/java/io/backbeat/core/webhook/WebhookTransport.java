package io.backbeat.core.webhook;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one callback POST. Implementations enforce the egress policy (no private addresses unless
 * allowed) and the timeout; they do not retry.
 */
public interface WebhookTransport {

  Response post(String url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException;

  /** The receiver's answer; {@code excerpt} is at most the first 1 KiB of its body. */
  record Response(int status, String excerpt) {}
}
