package io.backbeat.client.webhook;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Backbeat callbacks (Standard Webhooks {@code v1}): the {@code webhook-signature} list must
 * hold an HMAC-SHA256 of {@code id.timestamp.body} under the account's {@code whsec_} secret, and the
 * timestamp must be recent (replays of old deliveries are refused). Use the raw request body.
 */
public final class WebhookVerifier {
  /** Standard Webhooks' recommended tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final byte[] key;
  private final Duration tolerance;

  public WebhookVerifier(String secret) {
    this(secret, DEFAULT_TOLERANCE);
  }

  public WebhookVerifier(String secret, Duration tolerance) {
    requireNonNull(secret, "secret is null");
    this.key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
    this.tolerance = requireNonNull(tolerance, "tolerance is null");
  }

  /** Thrown when a callback is not authentic or too old; the message says which. */
  public static final class InvalidSignatureException extends Exception {
    public InvalidSignatureException(String message) {
      super(message);
    }
  }

  /** Verifies {@code body} against the request headers (names in any case) at {@code now}. */
  public void verify(Map<String, String> headers, String body, Instant now) throws InvalidSignatureException {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    String id = required(h, "webhook-id");
    String timestamp = required(h, "webhook-timestamp");
    String signatures = required(h, "webhook-signature");
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSignatureException("webhook-timestamp is not a number");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      throw new InvalidSignatureException("webhook-timestamp is outside the tolerance of " + tolerance);
    }
    byte[] expected = sign(id + "." + seconds + "." + body);
    for (String candidate : signatures.strip().split(" ")) {
      int comma = candidate.indexOf(',');
      if (comma < 0 || !candidate.substring(0, comma).toLowerCase(Locale.ROOT).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) { // constant time
        return;
      }
    }
    throw new InvalidSignatureException("no webhook-signature matches this body and secret");
  }

  private byte[] sign(String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static String required(Map<String, String> headers, String name) throws InvalidSignatureException {
    String value = headers.get(name);
    if (value == null || value.isBlank()) {
      throw new InvalidSignatureException("missing header " + name);
    }
    return value;
  }
}
