package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressAllowListTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @Test
  void exact_addresses_and_cidr_blocks_are_allowed_and_nothing_else() throws Exception {
    AddressAllowList list = AddressAllowList.parse(List.of("127.0.0.1", " 10.20.0.0/16 ", "fd00::/8"));
    assertThat(list.test(ip("127.0.0.1"))).isTrue();
    assertThat(list.test(ip("127.0.0.2"))).isFalse();
    assertThat(list.test(ip("10.20.255.1"))).isTrue();
    assertThat(list.test(ip("10.21.0.1"))).isFalse();
    assertThat(list.test(ip("fd12::1"))).isTrue();
    assertThat(list.test(ip("169.254.169.254"))).isFalse();
    assertThat(AddressAllowList.NONE.test(ip("127.0.0.1"))).isFalse();
  }

  @Test
  void host_names_and_bad_prefixes_are_refused() {
    assertThatThrownBy(() -> AddressAllowList.parse(List.of("localhost"))).hasMessageContaining("host names are not allowed");
    assertThatThrownBy(() -> AddressAllowList.parse(List.of("10.0.0.0/33"))).hasMessageContaining("prefix out of range");
    assertThatThrownBy(() -> AddressAllowList.parse(List.of("10.0.0.0/x"))).hasMessageContaining("not a CIDR prefix");
  }

  @Test
  void the_guard_lets_an_allowed_loopback_address_through_and_refuses_its_neighbour() throws Exception {
    EgressGuard guard = new EgressGuard(EgressPolicy.defaults(false), EgressGuard.Resolver.SYSTEM, AddressAllowList.parse(List.of("127.0.0.1")));
    assertThat(guard.resolveAndCheck("uploadUrl", "127.0.0.1")).containsExactly(ip("127.0.0.1"));
    assertThatThrownBy(() -> guard.resolveAndCheck("uploadUrl", "127.0.0.2")).hasMessageContaining("loopback");
  }
}
