package io.backbeat.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Makes user-supplied URLs safe to log and to put in error messages. Query strings, fragments and
 * userinfo often carry tokens (pre-signed URLs, {@code ?key=}), so only {@code scheme://host:port/path}
 * is kept.
 */
public final class Redaction {
  private static final int MAX_LENGTH = 200;
  private static final Pattern USERINFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*:/*)[^/?#]*@");

  private Redaction() {}

  /** {@code scheme://host:port/path} of {@code url}; never its query, fragment or userinfo. */
  public static String url(String url) {
    if (url == null) {
      return "<none>";
    }
    String kept;
    try {
      URI uri = new URI(url);
      if (uri.getScheme() != null && uri.getHost() != null) {
        kept = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
      } else {
        kept = roughly(url);
      }
    } catch (URISyntaxException e) {
      kept = roughly(url); // not a URI, but it may still hold a token: cut the same parts by hand
    }
    return printable(kept.length() > MAX_LENGTH ? kept.substring(0, MAX_LENGTH) + "…" : kept);
  }

  private static String roughly(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return USERINFO.matcher(url.substring(0, cut)).replaceFirst("$1");
  }

  /** Control characters could forge log lines. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.toString();
  }
}
