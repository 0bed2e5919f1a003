package io.backbeat.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A resolver for tests: names under {@code .test} come from a table (or a function), IP literals are
 * parsed by the JDK (no DNS), anything else is unknown. Counts lookups per host.
 */
final class TestResolver implements EgressGuard.Resolver {
  private final Function<String, List<InetAddress>> names;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  private TestResolver(Function<String, List<InetAddress>> names) {
    this.names = names;
  }

  static TestResolver of(Map<String, List<InetAddress>> table) {
    return new TestResolver(table::get);
  }

  static TestResolver of(Function<String, List<InetAddress>> names) {
    return new TestResolver(names);
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    List<InetAddress> answer = names.apply(host);
    if (answer != null) {
      return answer;
    }
    if (host.contains(":") || host.matches("[0-9.]+")) {
      return List.of(InetAddress.getAllByName(host)); // a literal: parsed, never looked up
    }
    throw new UnknownHostException(host);
  }

  int calls(String host) {
    AtomicInteger n = calls.get(host);
    return n == null ? 0 : n.get();
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
