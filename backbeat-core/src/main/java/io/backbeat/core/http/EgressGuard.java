package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides whether an outbound request may go to a URL: pure checks, no connection. The URL must be an
 * absolute http(s) URL with a host, no userinfo and a valid port; its host is resolved once and every
 * address must be public unless {@link EgressPolicy#allowPrivate()}. Callers connect only to the
 * addresses returned here ({@link EgressHttpClient} pins them), so DNS cannot change between check and
 * connect.
 *
 * <p>Messages name the field the URL came from ({@code callBackUrl}, {@code uploadUrl}) and are meant
 * for the user; they never contain the URL's query.
 */
public final class EgressGuard {
  /** Resolves a host name (or IP literal) to all its addresses. */
  @FunctionalInterface
  public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /** A checked URL and the checked addresses that a connection to it may use. */
  public record Target(URI uri, List<InetAddress> addresses) {
    public Target {
      requireNonNull(uri, "uri is null");
      addresses = List.copyOf(addresses);
    }
  }

  private static final String DEFAULT_FIELD = "url";

  private final EgressPolicy policy;
  private final Resolver resolver;
  private final Predicate<InetAddress> exempt;

  /** The production guard: system DNS, no exemptions. */
  public EgressGuard(EgressPolicy policy) {
    this(policy, Resolver.SYSTEM, address -> false);
  }

  /**
   * @param exempt addresses allowed even though they are internal (an operator allow-list, or a test's
   *     loopback server); every other address still goes through the full check
   */
  public EgressGuard(EgressPolicy policy, Resolver resolver, Predicate<InetAddress> exempt) {
    this.policy = requireNonNull(policy, "policy is null");
    this.resolver = requireNonNull(resolver, "resolver is null");
    this.exempt = requireNonNull(exempt, "exempt is null");
  }

  public EgressPolicy policy() {
    return policy;
  }

  /** {@link #check(String, String)} with the field named {@code url}. */
  public URI check(String url) throws EgressDeniedException {
    return check(DEFAULT_FIELD, url);
  }

  /**
   * Checks the shape of {@code url} without resolving it: absolute http or https, a host, no userinfo,
   * a port in 1–65535. Use it to reject a bad {@code callBackUrl} when the request arrives.
   *
   * @param field the name the user knows the URL by, used in the message
   */
  public URI check(String field, String url) throws EgressDeniedException {
    requireNonNull(field, "field is null");
    if (url == null || url.isBlank()) {
      throw new EgressDeniedException(field + " is empty; it must be an http or https URL");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new EgressDeniedException(field + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new EgressDeniedException(field + " must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null || (uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      throw new EgressDeniedException(field + " must not contain credentials (user:password@)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new EgressDeniedException(field + " must include a valid host name");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535 || uri.getPort() < -1) {
      throw new EgressDeniedException(field + " has an invalid port " + uri.getPort() + " (allowed: 1-65535)");
    }
    return uri;
  }

  /** {@link #resolveAndCheck(String, String)} with the field named {@code url}. */
  public List<InetAddress> resolveAndCheck(String host) throws EgressDeniedException {
    return resolveAndCheck(DEFAULT_FIELD, host);
  }

  /**
   * Resolves {@code host} once and returns its addresses if every one of them is allowed. One forbidden
   * address refuses the host: a name that answers both a public and a private address must not get a
   * chance to be connected to the private one.
   */
  public List<InetAddress> resolveAndCheck(String field, String host) throws EgressDeniedException {
    requireNonNull(field, "field is null");
    requireNonNull(host, "host is null");
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String name = bare.toLowerCase(Locale.ROOT);
    if (!policy.allowPrivate() && (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost."))) {
      // RFC 6761: always loopback, whatever a local resolver says
      throw new EgressDeniedException(field + " points to localhost; such targets are refused");
    }
    List<InetAddress> addresses;
    try {
      addresses = List.copyOf(resolver.resolve(bare));
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new EgressDeniedException(field + " host " + printableHost(bare) + " cannot be resolved");
    }
    if (addresses.isEmpty()) {
      throw new EgressDeniedException(field + " host " + printableHost(bare) + " cannot be resolved");
    }
    if (!policy.allowPrivate()) {
      for (InetAddress address : addresses) {
        Optional<String> kind = forbiddenKind(address);
        if (kind.isPresent() && !exempt.test(address)) {
          throw new EgressDeniedException(
              field + " resolves to " + kind.get() + " address (" + format(address) + "); such targets are refused");
        }
      }
    }
    return addresses;
  }

  /** Checks the URL's shape, then resolves and checks its host. */
  public Target checkAndResolve(String field, String url) throws EgressDeniedException {
    URI uri = check(field, url);
    return new Target(uri, resolveAndCheck(field, uri.getHost()));
  }

  /**
   * Why {@code address} is not a public internet address, as "a loopback", "a private", … — or empty
   * when it is public. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are
   * judged by the embedded address, since that is where the packets end up.
   */
  public static Optional<String> forbiddenKind(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? ipv4Kind(b) : ipv6Kind(b);
  }

  private static Optional<String> ipv4Kind(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return Optional.of(a1 == 0 && a2 == 0 && b[3] == 0 ? "an unspecified" : "a reserved"); // 0.0.0.0/8
    }
    if (a0 == 127) {
      return Optional.of("a loopback");
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("a private");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("a link-local"); // includes the 169.254.169.254 cloud metadata service
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("a carrier-grade NAT"); // 100.64.0.0/10
    }
    if ((a0 & 0xf0) == 224) {
      return Optional.of("a multicast");
    }
    if ((a0 & 0xf0) == 240 || (a0 == 192 && a1 == 0 && a2 == 0) || (a0 == 198 && (a1 & 0xfe) == 18)) {
      return Optional.of("a reserved"); // 240/4 incl. broadcast, 192.0.0/24, 198.18/15
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6Kind(byte[] b) {
    byte[] embedded = embeddedIpv4(b);
    if (embedded != null) {
      return ipv4Kind(embedded);
    }
    boolean zeroUpTo15 = true;
    for (int i = 0; i < 15; i++) {
      zeroUpTo15 &= b[i] == 0;
    }
    if (zeroUpTo15 && b[15] == 0) {
      return Optional.of("an unspecified");
    }
    if (zeroUpTo15 && b[15] == 1) {
      return Optional.of("a loopback");
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if ((b0 & 0xfe) == 0xfc) {
      return Optional.of("a private"); // fc00::/7 unique local
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return Optional.of("a link-local"); // fe80::/10
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return Optional.of("a private"); // fec0::/10, deprecated site-local
    }
    if (b0 == 0xff) {
      return Optional.of("a multicast");
    }
    return Optional.empty();
  }

  /** The IPv4 address inside a mapped, compatible, NAT64 or 6to4 IPv6 address, or null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean zero0to9 = true;
    for (int i = 0; i < 10; i++) {
      zero0to9 &= b[i] == 0;
    }
    boolean mapped = zero0to9 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff; // ::ffff:a.b.c.d
    boolean compatible = zero0to9 && b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14]) != 0; // ::a.b.c.d, not ::1
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0; // 64:ff9b::/96
    }
    if (mapped || compatible || nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]}; // 2002::/16, 6to4
    }
    return null;
  }

  /** Dotted quad, or RFC 5952 compact IPv6 ({@code ::1} rather than {@code 0:0:0:0:0:0:0:1}). */
  static String format(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static String printableHost(String host) {
    String cut = host.length() > 100 ? host.substring(0, 100) + "…" : host;
    return cut.codePoints().allMatch(cp -> cp > 0x20 && cp < 0x7f) ? cut : "(not printable)";
  }
}
