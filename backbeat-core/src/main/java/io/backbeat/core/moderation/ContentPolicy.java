package io.backbeat.core.moderation;

import java.util.Map;
import java.util.Optional;

/**
 * Decides whether text may be generated from or returned. Checked on every create (prompts, lyrics,
 * titles, styles) and on provider outputs before they are published. Implementations must be fast
 * and thread-safe.
 */
public interface ContentPolicy {
  ContentPolicy ALLOW_ALL = texts -> Optional.empty();

  /** The first violation among the named texts (field name → text), or empty. */
  Optional<Violation> check(Map<String, String> texts);

  /** Which field broke which rule; the message is shown to the caller and never quotes a secret. */
  record Violation(String field, String message) {}
}
