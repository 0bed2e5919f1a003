package io.backbeat.providers.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret in the callback URLs we give upstreams: {@code /callbacks/<channel>/<task id>/<token>},
 * where the token is an HMAC-SHA256 of channel and task id under the channel's callback key. So a
 * URL is valid for exactly one task on one channel, nobody can guess one for another task, and no
 * token needs storing. The key is the configured {@code callbackSecret}, or derived from the
 * channel's own credentials (stable across nodes and restarts, secret as they are).
 */
public final class CallbackTokens {
  /** 128 bits of the MAC, base64url: plenty against guessing, short in a URL. */
  private static final int TOKEN_BYTES = 16;

  private final byte[] key;

  public CallbackTokens(Secret key) {
    requireNonNull(key, "key is null");
    this.key = sha256("backbeat upstream callbacks\n" + key.reveal());
  }

  /** The callback key of a channel: its own {@code callbackSecret}, else derived from its credentials. */
  public static CallbackTokens forChannel(ChannelConfig channel) {
    if (channel.callbackSecret() != null) {
      return new CallbackTokens(channel.callbackSecret());
    }
    StringBuilder material = new StringBuilder(channel.name());
    for (Secret s : new Secret[] {channel.apiKey(), channel.accessKey(), channel.secretKey()}) {
      material.append('\n').append(s == null ? "" : s.reveal());
    }
    return new CallbackTokens(Secret.of(material.toString()));
  }

  public String tokenFor(String channel, String taskId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal((channel + "\n" + taskId).getBytes(UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, TOKEN_BYTES));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Constant-time check of a token from a callback URL. */
  public boolean matches(String channel, String taskId, String token) {
    if (token == null) {
      return false;
    }
    return MessageDigest.isEqual(tokenFor(channel, taskId).getBytes(UTF_8), token.getBytes(UTF_8));
  }

  /** Our callback URL for {@code taskId} on {@code channel}, under the public base URL. */
  public String callbackUrl(String publicBaseUrl, String channel, String taskId) {
    String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    return base + "/callbacks/" + channel + "/" + taskId + "/" + tokenFor(channel, taskId);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
