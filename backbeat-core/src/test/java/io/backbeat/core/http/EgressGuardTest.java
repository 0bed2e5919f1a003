package io.backbeat.core.http;

import static io.backbeat.core.http.TestResolver.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {
  private static final String REFUSED = "; such targets are refused";

  private final TestResolver resolver =
      TestResolver.of(
          Map.of(
              "evil.test", List.of(ip("10.0.0.5")),
              "localhost.example.test", List.of(ip("127.0.0.1")),
              "public.test", List.of(ip("93.184.216.34")),
              "mixed.test", List.of(ip("93.184.216.34"), ip("10.0.0.5")),
              "mapped.test", List.of(mappedIpv6("mapped.test", 169, 254, 169, 254)),
              "empty.test", List.of()));
  private final EgressGuard guard = new EgressGuard(EgressPolicy.defaults(false), resolver, address -> false);

  static Stream<Arguments> refused_targets() {
    return Stream.of(
        // addresses
        Arguments.of("http://127.0.0.1/hook", "callBackUrl resolves to a loopback address (127.0.0.1)" + REFUSED),
        Arguments.of("http://127.8.9.10:8080/", "callBackUrl resolves to a loopback address (127.8.9.10)" + REFUSED),
        Arguments.of("http://[::1]:8080/hook", "callBackUrl resolves to a loopback address (::1)" + REFUSED),
        Arguments.of("http://10.0.0.1/", "callBackUrl resolves to a private address (10.0.0.1)" + REFUSED),
        Arguments.of("http://172.16.5.4/", "callBackUrl resolves to a private address (172.16.5.4)" + REFUSED),
        Arguments.of("http://172.31.255.255/", "callBackUrl resolves to a private address (172.31.255.255)" + REFUSED),
        Arguments.of("https://192.168.1.1/", "callBackUrl resolves to a private address (192.168.1.1)" + REFUSED),
        Arguments.of("http://169.254.169.254/latest/meta-data/", "callBackUrl resolves to a link-local address (169.254.169.254)" + REFUSED),
        Arguments.of("http://100.64.0.1/", "callBackUrl resolves to a carrier-grade NAT address (100.64.0.1)" + REFUSED),
        Arguments.of("http://100.127.255.254/", "callBackUrl resolves to a carrier-grade NAT address (100.127.255.254)" + REFUSED),
        Arguments.of("http://224.0.0.251/", "callBackUrl resolves to a multicast address (224.0.0.251)" + REFUSED),
        Arguments.of("http://0.0.0.0:8080/", "callBackUrl resolves to an unspecified address (0.0.0.0)" + REFUSED),
        Arguments.of("http://0.1.2.3/", "callBackUrl resolves to a reserved address (0.1.2.3)" + REFUSED),
        Arguments.of("http://255.255.255.255/", "callBackUrl resolves to a reserved address (255.255.255.255)" + REFUSED),
        Arguments.of("http://[::]/", "callBackUrl resolves to an unspecified address (::)" + REFUSED),
        Arguments.of("http://[fe80::1]/", "callBackUrl resolves to a link-local address (fe80::1)" + REFUSED),
        Arguments.of("http://[fd12:3456::1]/", "callBackUrl resolves to a private address (fd12:3456::1)" + REFUSED),
        Arguments.of("http://[ff02::1]/", "callBackUrl resolves to a multicast address (ff02::1)" + REFUSED),
        // IPv4 inside IPv6: the JDK turns ::ffff:a.b.c.d into the IPv4 address itself
        Arguments.of("http://[::ffff:127.0.0.1]/", "callBackUrl resolves to a loopback address (127.0.0.1)" + REFUSED),
        Arguments.of("http://[::ffff:a9fe:a9fe]/", "callBackUrl resolves to a link-local address (169.254.169.254)" + REFUSED),
        Arguments.of("http://[64:ff9b::a00:5]/", "callBackUrl resolves to a private address (64:ff9b::a00:5)" + REFUSED),
        Arguments.of("http://[2002:7f00:1::]/", "callBackUrl resolves to a loopback address (2002:7f00:1::)" + REFUSED),
        // names
        Arguments.of("http://localhost:3000/hook", "callBackUrl points to localhost" + REFUSED),
        Arguments.of("http://LOCALHOST./hook", "callBackUrl points to localhost" + REFUSED),
        Arguments.of("http://api.localhost/hook", "callBackUrl points to localhost" + REFUSED),
        Arguments.of("http://localhost.example.test/", "callBackUrl resolves to a loopback address (127.0.0.1)" + REFUSED),
        Arguments.of("https://evil.test/hook?token=abc", "callBackUrl resolves to a private address (10.0.0.5)" + REFUSED),
        Arguments.of("https://mixed.test/", "callBackUrl resolves to a private address (10.0.0.5)" + REFUSED),
        Arguments.of("https://mapped.test/", "callBackUrl resolves to a link-local address (::ffff:a9fe:a9fe)" + REFUSED),
        Arguments.of("https://nowhere.test/", "callBackUrl host nowhere.test cannot be resolved"),
        Arguments.of("https://empty.test/", "callBackUrl host empty.test cannot be resolved"),
        // shapes
        Arguments.of("ftp://example.com/file.mp3", "callBackUrl must be an http or https URL"),
        Arguments.of("file:///etc/passwd", "callBackUrl must be an http or https URL"),
        Arguments.of("gopher://example.com:70/", "callBackUrl must be an http or https URL"),
        Arguments.of("javascript:alert(1)", "callBackUrl must be an http or https URL"),
        Arguments.of("example.com/hook", "callBackUrl must be an http or https URL"),
        Arguments.of("//example.com/hook", "callBackUrl must be an http or https URL"),
        Arguments.of("http:///hook", "callBackUrl must include a valid host name"),
        Arguments.of("http://:8080/hook", "callBackUrl must include a valid host name"),
        Arguments.of("http://user:secret@example.com/hook", "callBackUrl must not contain credentials (user:password@)"),
        Arguments.of("http://token@example.com/hook", "callBackUrl must not contain credentials (user:password@)"),
        Arguments.of("http://example.com:0/hook", "callBackUrl has an invalid port 0 (allowed: 1-65535)"),
        Arguments.of("http://example.com:65536/hook", "callBackUrl has an invalid port 65536 (allowed: 1-65535)"),
        Arguments.of("http://exa mple.com/", "callBackUrl is not a valid URL"),
        Arguments.of("http://example.com\\@10.0.0.1/", "callBackUrl is not a valid URL"),
        Arguments.of("   ", "callBackUrl is empty; it must be an http or https URL"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource
  void refused_targets(String url, String message) {
    assertThatThrownBy(() -> guard.checkAndResolve("callBackUrl", url))
        .isInstanceOf(EgressDeniedException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http://93.184.216.34/hook", "https://93.184.216.34:8443/a/b?x=1", "http://8.8.8.8/", "http://172.32.0.1/",
      "http://100.128.0.1/", "http://11.0.0.1/", "http://[2606:2800:220:1:248:1893:25c8:1946]/", "https://public.test/hook"})
  void public_targets_are_accepted_without_connecting(String url) throws Exception {
    URI uri = guard.check("callBackUrl", url);
    List<InetAddress> addresses = guard.resolveAndCheck("callBackUrl", uri.getHost());

    assertThat(uri.toString()).isEqualTo(url);
    assertThat(addresses).hasSize(1);
    assertThat(EgressGuard.forbiddenKind(addresses.get(0))).isEmpty();
  }

  @Test
  void check_alone_does_not_resolve() throws Exception {
    URI uri = guard.check("https://evil.test/hook");

    assertThat(uri.getHost()).isEqualTo("evil.test");
    assertThat(resolver.calls("evil.test")).isZero();
  }

  @Test
  void resolve_and_check_calls_the_resolver_exactly_once_and_returns_every_address() throws Exception {
    TestResolver twoAddresses =
        TestResolver.of(Map.of("two.test", List.of(ip("93.184.216.34"), ip("2606:2800:220:1:248:1893:25c8:1946"))));
    EgressGuard g = new EgressGuard(EgressPolicy.defaults(false), twoAddresses, address -> false);

    assertThat(g.resolveAndCheck("two.test")).containsExactly(ip("93.184.216.34"), ip("2606:2800:220:1:248:1893:25c8:1946"));
    assertThat(twoAddresses.calls("two.test")).isEqualTo(1);
  }

  @Test
  void the_default_field_name_is_url() {
    assertThatThrownBy(() -> guard.check("ftp://example.com/")).hasMessage("url must be an http or https URL");
    assertThatThrownBy(() -> guard.resolveAndCheck("evil.test")).hasMessage("url resolves to a private address (10.0.0.5)" + REFUSED);
  }

  @Test
  void allow_private_accepts_internal_addresses_but_not_bad_urls() throws Exception {
    EgressGuard open = new EgressGuard(EgressPolicy.defaults(true), resolver, address -> false);

    assertThat(open.checkAndResolve("callBackUrl", "http://127.0.0.1:3000/hook").addresses()).containsExactly(ip("127.0.0.1"));
    assertThat(open.checkAndResolve("callBackUrl", "http://evil.test/").addresses()).containsExactly(ip("10.0.0.5"));
    assertThat(open.checkAndResolve("callBackUrl", "http://169.254.169.254/").addresses()).containsExactly(ip("169.254.169.254"));
    assertThatThrownBy(() -> open.check("callBackUrl", "file:///etc/passwd")).hasMessage("callBackUrl must be an http or https URL");
    assertThatThrownBy(() -> open.check("callBackUrl", "http://u:p@127.0.0.1/"))
        .hasMessage("callBackUrl must not contain credentials (user:password@)");
  }

  @Test
  void allow_private_lets_localhost_resolve_through_the_system_resolver() throws Exception {
    EgressGuard open = new EgressGuard(EgressPolicy.defaults(true));

    assertThat(open.checkAndResolve("callBackUrl", "http://localhost:3000/hook").addresses())
        .isNotEmpty()
        .allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void the_production_guard_refuses_localhost_and_loopback_literals() {
    EgressGuard production = new EgressGuard(EgressPolicy.defaults(false));

    assertThatThrownBy(() -> production.checkAndResolve("uploadUrl", "http://127.0.0.1:8080/a.mp3"))
        .hasMessage("uploadUrl resolves to a loopback address (127.0.0.1)" + REFUSED);
    assertThatThrownBy(() -> production.checkAndResolve("uploadUrl", "http://[::1]/a.mp3"))
        .hasMessage("uploadUrl resolves to a loopback address (::1)" + REFUSED);
  }

  @Test
  void an_exempt_address_is_allowed_but_nothing_else_is() throws Exception {
    TestResolver names = TestResolver.of(Map.of("both.test", List.of(ip("127.0.0.1"), ip("10.0.0.5"))));
    EgressGuard g = new EgressGuard(EgressPolicy.defaults(false), names, ip("127.0.0.1")::equals);

    assertThat(g.checkAndResolve("callBackUrl", "http://127.0.0.1:9/").addresses()).containsExactly(ip("127.0.0.1"));
    assertThatThrownBy(() -> g.checkAndResolve("callBackUrl", "http://127.0.0.2/"))
        .hasMessage("callBackUrl resolves to a loopback address (127.0.0.2)" + REFUSED);
    assertThatThrownBy(() -> g.checkAndResolve("callBackUrl", "http://both.test/"))
        .hasMessage("callBackUrl resolves to a private address (10.0.0.5)" + REFUSED);
  }

  @Test
  void a_resolver_failure_is_a_refusal_not_a_crash() {
    EgressGuard.Resolver broken = host -> {
      throw new UnknownHostException(host);
    };
    EgressGuard g = new EgressGuard(EgressPolicy.defaults(false), broken, address -> false);

    assertThatThrownBy(() -> g.resolveAndCheck("uploadUrl", "cdn.example.com"))
        .isInstanceOf(EgressDeniedException.class)
        .hasMessage("uploadUrl host cdn.example.com cannot be resolved");
  }

  @Test
  void ipv6_addresses_are_shown_in_compact_form() {
    assertThat(EgressGuard.format(ip("::1"))).isEqualTo("::1");
    assertThat(EgressGuard.format(ip("::"))).isEqualTo("::");
    assertThat(EgressGuard.format(ip("fe80:0:0:0:0:0:0:1"))).isEqualTo("fe80::1");
    assertThat(EgressGuard.format(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
    assertThat(EgressGuard.format(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(EgressGuard.format(ip("1:0:0:0:0:0:0:0"))).isEqualTo("1::");
    assertThat(EgressGuard.format(ip("192.0.2.1"))).isEqualTo("192.0.2.1");
  }

  @Test
  void denials_are_not_retryable() {
    assertThat(new EgressDeniedException("x").retryable()).isFalse();
  }

  /** An Inet6Address that keeps its ::ffff: form (the JDK's parser would turn it into IPv4). */
  private static InetAddress mappedIpv6(String host, int a, int b, int c, int d) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    bytes[12] = (byte) a;
    bytes[13] = (byte) b;
    bytes[14] = (byte) c;
    bytes[15] = (byte) d;
    try {
      return Inet6Address.getByAddress(host, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
