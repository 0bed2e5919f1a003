package io.backbeat.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks {@code v1} signatures: base64 HMAC-SHA256 over {@code id.timestamp.body}, keyed
 * with the base64-decoded part of a {@code whsec_} secret.
 */
public final class WebhookSigner {
  private static final String PREFIX = "whsec_";

  private WebhookSigner() {}

  /** The value of one {@code webhook-signature} entry: {@code v1,<base64>}. */
  public static String sign(String secret, String msgId, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keyBytes(secret), "HmacSHA256"));
      byte[] signed = (msgId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  static byte[] keyBytes(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }
}
