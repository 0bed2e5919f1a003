package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP header fields: names compared without case and kept in lower case (as HTTP/2 sends them),
 * values in arrival order. Immutable. {@link #toString()} shows names only, since values carry
 * credentials and signatures.
 */
public final class Headers {
  public static final Headers EMPTY = new Headers(Map.of());

  private final Map<String, List<String>> fields;

  private Headers(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  /** One value per name; later names that differ only in case replace earlier ones. */
  public static Headers of(Map<String, String> values) {
    requireNonNull(values, "values is null");
    Headers headers = EMPTY;
    for (Map.Entry<String, String> e : values.entrySet()) {
      headers = headers.with(e.getKey(), e.getValue());
    }
    return headers;
  }

  /** Several values per name, as a response may carry them. */
  public static Headers ofLists(Map<String, List<String>> values) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((name, list) -> {
      for (String value : list) {
        copy.computeIfAbsent(normalized(name), n -> new ArrayList<>()).add(checkedValue(name, value));
      }
    });
    return new Headers(freeze(copy));
  }

  /** The first value of {@code name}. */
  public Optional<String> first(String name) {
    List<String> values = fields.get(normalized(name));
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> all(String name) {
    return fields.getOrDefault(normalized(name), List.of());
  }

  public boolean contains(String name) {
    return fields.containsKey(normalized(name));
  }

  /** The names present, lower case, in order. */
  public Set<String> names() {
    return fields.keySet();
  }

  /** Name (lower case) to its values. */
  public Map<String, List<String>> toMap() {
    return fields;
  }

  /** A copy where {@code name} has exactly {@code value}. */
  public Headers with(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(fields);
    copy.put(normalized(name), List.of(checkedValue(name, value)));
    return new Headers(Collections.unmodifiableMap(copy));
  }

  /** A copy without {@code name}. */
  public Headers without(String name) {
    if (!contains(name)) {
      return this;
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(fields);
    copy.remove(normalized(name));
    return new Headers(Collections.unmodifiableMap(copy));
  }

  /** A copy with only the names in {@code keep} (lower case). */
  Headers retainOnly(Set<String> keep) {
    Map<String, List<String>> copy = new LinkedHashMap<>(fields);
    copy.keySet().retainAll(keep);
    return new Headers(Collections.unmodifiableMap(copy));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** Names only: values may be secrets. */
  @Override
  public String toString() {
    return "Headers" + fields.keySet();
  }

  private static String normalized(String name) {
    requireNonNull(name, "header name is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("header name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // RFC 9110 token characters; anything else could split or forge a header line
      if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        throw new IllegalArgumentException("header name contains a character that is not allowed");
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static String checkedValue(String name, String value) {
    requireNonNull(value, "value of header " + name + " is null");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        // the value is not echoed: it may be a credential
        throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
      }
    }
    return value;
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> fields) {
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    fields.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(frozen);
  }
}
