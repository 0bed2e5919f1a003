package io.backbeat.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generation and hashing of API keys and webhook secrets. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Secrets() {}

  /** {@code bb_live_} or {@code bb_dev_} + 40 base62 characters (~238 bits). */
  public static String newApiKey(boolean development) {
    StringBuilder key = new StringBuilder(development ? "bb_dev_" : "bb_live_");
    for (int i = 0; i < 40; i++) {
      key.append(BASE62[RANDOM.nextInt(BASE62.length)]);
    }
    return key.toString();
  }

  /** An access key for self-signed tokens: {@code bbak_} + 24 base62 characters; it names, it does not authenticate. */
  public static String newAccessKey() {
    return "bbak_" + base62(24);
  }

  /** Its signing secret: {@code bbsk_} + 40 base62 characters (~238 bits), the HMAC key of the client's tokens. */
  public static String newAccessSecret() {
    return "bbsk_" + base62(40);
  }

  private static String base62(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE62[RANDOM.nextInt(BASE62.length)]);
    }
    return out.toString();
  }

  /** Standard Webhooks secret: {@code whsec_} + base64 of 32 random bytes (the spec asks ≥ 24). */
  public static String newWebhookSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  /** Keys are long random strings, so one unsalted SHA-256 is enough to make the stored hash useless. */
  public static String hashApiKey(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The part of a key safe to show in listings and logs: its type prefix and 4 characters. */
  public static String displayPrefix(String key) {
    int underscore = key.lastIndexOf('_');
    return key.substring(0, Math.min(key.length(), underscore + 5));
  }

  public static String newId(String prefix) {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
