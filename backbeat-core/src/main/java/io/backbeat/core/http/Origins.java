package io.backbeat.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** RFC 6454 origins ({@code https://host:443}): where credentials may go and headers may follow. */
final class Origins {
  private Origins() {}

  /** The origin of {@code url}, with the default port made explicit; empty for anything not http(s). */
  static Optional<String> of(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return Optional.empty();
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  static boolean same(String a, String b) {
    Optional<String> first = of(a);
    return first.isPresent() && first.equals(of(b));
  }
}
