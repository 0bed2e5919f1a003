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
    String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
    String payload =
        B64.encodeToString(
            ("{\"iss\":\"" + json(accessKey.reveal()) + "\",\"exp\":" + now.plus(LIFETIME).getEpochSecond()
                    + ",\"nbf\":" + now.minus(NOT_BEFORE_SKEW).getEpochSecond() + "}")
                .getBytes(UTF_8));
    String signingInput = header + "." + payload;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.reveal().getBytes(UTF_8), "HmacSHA256"));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(UTF_8)));
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
