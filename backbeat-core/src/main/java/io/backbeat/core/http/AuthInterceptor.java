package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Adds one credential header to requests for one origin (an upstream's base URL), computing its value
 * per request: a fixed API key, or a short-lived token such as a JWT from a supplier that caches it.
 * Requests to any other origin — an asset URL on a CDN, a redirect to storage — never see it. The
 * value appears in no log line, message or {@code toString()}; only the header's name does.
 */
public final class AuthInterceptor implements Interceptor {
  private final String origin;
  private final String header;
  private final String prefix;
  private final Supplier<String> value;

  private AuthInterceptor(String baseUrl, String header, String prefix, Supplier<String> value) {
    requireNonNull(baseUrl, "baseUrl is null");
    this.origin =
        Origins.of(baseUrl).orElseThrow(() -> new IllegalArgumentException("baseUrl must be an absolute http(s) URL"));
    this.header = requireNonNull(header, "header is null");
    this.prefix = prefix;
    this.value = requireNonNull(value, "value is null");
  }

  /** {@code Authorization: Bearer <token>} for requests to {@code baseUrl}'s origin. */
  public static AuthInterceptor bearer(String baseUrl, Supplier<String> token) {
    return new AuthInterceptor(baseUrl, "Authorization", "Bearer ", token);
  }

  /** {@code header: <value>} (e.g. {@code X-Api-Key}) for requests to {@code baseUrl}'s origin. */
  public static AuthInterceptor header(String baseUrl, String header, Supplier<String> value) {
    return new AuthInterceptor(baseUrl, header, "", value);
  }

  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest request = chain.request();
    if (!Origins.of(request.url()).map(origin::equals).orElse(false)) {
      return chain.proceed(request);
    }
    String computed = value.get();
    if (computed == null || computed.isBlank()) {
      throw new IllegalStateException("the " + header + " value for " + origin + " is empty");
    }
    return chain.proceed(request.newBuilder().header(header, prefix + computed).build());
  }

  @Override
  public String toString() {
    return "AuthInterceptor(" + header + " for " + origin + ")";
  }
}
