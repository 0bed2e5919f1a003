package io.backbeat.core.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows redirects of GET and HEAD requests, up to a limit, each hop going through the rest of the
 * chain again (so the egress guard checks it like the first URL). Other methods are never followed:
 * re-sending a signed webhook or an upstream submit somewhere else is not the target's call, so their
 * 3xx is the answer. A hop to another origin keeps only harmless headers, so nothing a caller set
 * (an API key) follows the redirect to a stranger; credentials from {@link AuthInterceptor} are added
 * per hop, for their own origin only.
 */
public final class RedirectInterceptor implements Interceptor.FollowUp {
  private static final Logger LOG = LoggerFactory.getLogger(RedirectInterceptor.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> FOLLOWED_METHODS = Set.of("GET", "HEAD");
  private static final Set<String> CROSS_ORIGIN_HEADERS = Set.of("accept", "accept-language", "user-agent");

  private final int maxRedirects;

  /** @param maxRedirects how many redirects one call follows ({@link EgressPolicy#maxRedirects()}) */
  public RedirectInterceptor(int maxRedirects) {
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
    }
    this.maxRedirects = maxRedirects;
  }

  @Override
  public int maxProceeds() {
    return maxRedirects + 1;
  }

  @Override
  public EgressResponse intercept(Chain chain) throws IOException {
    EgressRequest original = chain.request();
    if (!FOLLOWED_METHODS.contains(original.method())) {
      return chain.proceed(original);
    }
    EgressRequest hop = original;
    for (int redirects = 0; ; redirects++) {
      EgressResponse response = chain.proceed(hop);
      Optional<String> location = response.headers().first("location");
      if (!REDIRECTS.contains(response.status()) || location.isEmpty()) {
        return response;
      }
      response.close();
      if (redirects >= maxRedirects) {
        throw new EgressLimitException(
            original.field() + " redirected more than " + maxRedirects + " times (last hop: " + Redaction.url(hop.url()) + ")",
            original.method(), response.status());
      }
      String next = nextHop(hop.url(), location.get(), original.field());
      LOG.debug("{} {} redirected (HTTP {}) to {}", hop.method(), Redaction.url(hop.url()), response.status(), Redaction.url(next));
      hop = follow(original, next);
    }
  }

  private static EgressRequest follow(EgressRequest original, String next) {
    EgressRequest.Builder b = original.newBuilder().url(next).field(original.field() + " redirect");
    EgressRequest hop = b.build();
    if (Origins.same(original.url(), next)) {
      return hop;
    }
    EgressRequest.Builder stripped = hop.newBuilder();
    for (String name : hop.headers().names()) {
      if (!CROSS_ORIGIN_HEADERS.contains(name)) {
        stripped.removeHeader(name);
      }
    }
    return stripped.build();
  }

  private static String nextHop(String from, String location, String field) throws EgressDeniedException {
    try {
      return new URI(from.strip()).resolve(location.strip()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new EgressDeniedException(field + " redirected to an invalid URL");
    }
  }

  @Override
  public String toString() {
    return "RedirectInterceptor(max " + maxRedirects + ")";
  }
}
