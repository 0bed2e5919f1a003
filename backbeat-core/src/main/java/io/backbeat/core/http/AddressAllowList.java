package io.backbeat.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Internal addresses an operator lets outbound requests reach although {@link EgressPolicy#allowPrivate()}
 * is off: IP literals ({@code 10.1.2.3}, {@code ::1}) and CIDR blocks ({@code 10.20.0.0/16}), for a
 * storage server or an upstream on the private network. Every other address is still refused; host
 * names are not accepted here (what they resolve to can change).
 */
public final class AddressAllowList implements Predicate<InetAddress> {
  /** Allows nothing extra. */
  public static final AddressAllowList NONE = new AddressAllowList(List.of());

  private record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Block> blocks;

  private AddressAllowList(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * Parses entries like {@code 127.0.0.1} or {@code 10.0.0.0/8}.
   *
   * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR block
   */
  public static AddressAllowList parse(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      String ip = slash < 0 ? entry : entry.substring(0, slash);
      byte[] network = literal(ip, entry);
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a CIDR prefix: " + entry);
        }
        if (prefix < 0 || prefix > network.length * 8) {
          throw new IllegalArgumentException("prefix out of range: " + entry);
        }
      }
      blocks.add(new Block(network, prefix));
    }
    return new AddressAllowList(blocks);
  }

  private static byte[] literal(String ip, String entry) {
    boolean v4 = ip.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = ip.contains(":") && ip.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address or CIDR block (host names are not allowed): " + entry);
    }
    try {
      return InetAddress.getByName(ip).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + entry);
    }
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  @Override
  public boolean test(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }
}
