package io.backbeat.providers.kling;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.backbeat.providers.relay.Secret;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kling's bearer token: an HS256 JWT whose issuer is the access key, signed with the secret key,
 * valid 30 minutes from 5 seconds ago (clock skew). One token is kept and reused until it has less
 * than {@link #RENEW_BEFORE} left, so a burst of polls does not sign thousands of tokens and no call
 * ever goes out with one about to expire.
 */
public final class KlingJwt implements Supplier<String> {
  static final Duration LIFETIME = Duration.ofMinutes(30);
  static final Duration NOT_BEFORE_SKEW = Duration.ofSeconds(5);
  /** Renewed with this much life left: longer than any one call may take. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Secret accessKey;
  private final Secret secretKey;
  private final InstantSource clock;
  private String token;
  private Instant expiresAt = Instant.MIN;

  public KlingJwt(Secret accessKey, Secret secretKey, InstantSource clock) {
    this.accessKey = requireNonNull(accessKey, "accessKey is null");
    this.secretKey = requireNonNull(secretKey, "secretKey is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The current token, signing a new one when the kept one is close to expiry. */
  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expiresAt.minus(RENEW_BEFORE))) {
      expiresAt = now.plus(LIFETIME);
      token = sign(now);
    }
    return token;
  }

  private String sign(Instant now) {
    return token(accessKey.reveal(), secretKey.reveal(), now.minus(NOT_BEFORE_SKEW), now.plus(LIFETIME));
  }

  /**
   * A token as Kling's clients sign them: HS256, {@code iss} = access key, {@code nbf} and {@code exp}
   * in epoch seconds. The relay signs with it; tests use it to play a Kling client.
   */
  public static String token(String accessKey, String secret, Instant notBefore, Instant expiresAt) {
    String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
    String payload =
        B64.encodeToString(
            ("{\"iss\":\"" + json(accessKey) + "\",\"exp\":" + expiresAt.getEpochSecond() + ",\"nbf\":" + notBefore.getEpochSecond() + "}")
                .getBytes(UTF_8));
    String signingInput = header + "." + payload;
    return signingInput + "." + B64.encodeToString(hmac(signingInput, secret));
  }

  /**
   * Reads a received token without trusting it: the issuer to look the secret up by, the validity
   * window, and what was signed. Throws IllegalArgumentException for anything that is not an HS256
   * JWT with an issuer (so {@code alg: none} and friends never get as far as a signature check).
   */
  public static Claims parse(String token) {
    String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("not a JWT (header.payload.signature)");
    }
    com.fasterxml.jackson.databind.JsonNode header = decodeJson(parts[0], "header");
    if (!"HS256".equals(header.path("alg").asText())) {
      throw new IllegalArgumentException("the JWT must be signed with HS256");
    }
    com.fasterxml.jackson.databind.JsonNode payload = decodeJson(parts[1], "payload");
    String issuer = payload.path("iss").asText("");
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("the JWT has no iss (the access key)");
    }
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the JWT signature is not base64url");
    }
    return new Claims(issuer, epochSeconds(payload, "nbf"), epochSeconds(payload, "exp"), parts[0] + "." + parts[1], signature);
  }

  /**
   * What a received token claims.
   *
   * @param notBefore null when the token names none
   * @param expiresAt null when the token names none
   */
  public record Claims(String issuer, Instant notBefore, Instant expiresAt, String signingInput, byte[] signature) {
    /** Whether {@code secret} made the signature (compared in constant time). */
    public boolean signedWith(String secret) {
      return java.security.MessageDigest.isEqual(hmac(signingInput, secret), signature);
    }

    @Override
    public String toString() {
      return "Claims[issuer=" + issuer + ", notBefore=" + notBefore + ", expiresAt=" + expiresAt + "]";
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

  private static com.fasterxml.jackson.databind.JsonNode decodeJson(String part, String what) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the JWT " + what + " is not a JSON object");
      }
      return node;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the JWT " + what + " is not base64url JSON");
    }
  }

  private static Instant epochSeconds(com.fasterxml.jackson.databind.JsonNode payload, String claim) {
    com.fasterxml.jackson.databind.JsonNode value = payload.get(claim);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("the JWT claim " + claim + " must be a number of seconds");
    }
    return Instant.ofEpochSecond(value.asLong());
  }

  private static byte[] hmac(String signingInput, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "KlingJwt[issuer=[secret]]";
  }
}
