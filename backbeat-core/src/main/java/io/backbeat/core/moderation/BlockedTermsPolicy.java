package io.backbeat.core.moderation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses texts containing any configured term as a whole word or phrase, case- and
 * accent-insensitively ("Bad Word" matches "bad  word" and "BÁD word"). The matched term is not
 * echoed back, so the list itself stays private.
 */
public final class BlockedTermsPolicy implements ContentPolicy {
  private final List<Pattern> patterns;

  public BlockedTermsPolicy(List<String> terms) {
    this.patterns =
        terms.stream()
            .map(BlockedTermsPolicy::fold)
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .map(t -> Pattern.compile("(?<![\\p{L}\\p{N}])" + String.join("\\s+", quoteWords(t)) + "(?![\\p{L}\\p{N}])"))
            .toList();
  }

  @Override
  public Optional<Violation> check(Map<String, String> texts) {
    for (Map.Entry<String, String> entry : texts.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      String folded = fold(entry.getValue());
      for (Pattern pattern : patterns) {
        if (pattern.matcher(folded).find()) {
          return Optional.of(new Violation(entry.getKey(), entry.getKey() + " contains a blocked term"));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> quoteWords(String term) {
    return List.of(term.split("\\s+")).stream().map(Pattern::quote).toList();
  }

  private static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
