package io.backbeat.server.logging;

import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process (log lines, error bodies). Backbeat never logs a
 * secret on purpose; this is the safety net for a message that quotes one by accident.
 */
public final class Redactor {
  private static final Pattern API_KEY = Pattern.compile("bb_(live|dev)_[A-Za-z0-9]{4,}");
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]{4,}");
  /** Kling access-key secrets ({@code keys create --kling}); the access key itself names, it is not secret. */
  private static final Pattern ACCESS_SECRET = Pattern.compile("bbsk_[A-Za-z0-9]{4,}");
  /** A JWT (Kling's signed bearer tokens) wherever it appears, not only after "Bearer". */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+");
  private static final Pattern SIGNATURE = Pattern.compile("v1,[A-Za-z0-9+/=]{16,}");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
  private static final Pattern AUTH_HEADER =
      Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?(?:bearer|basic|token)?\\s*)[^\\s\"',;]+");

  private Redactor() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = API_KEY.matcher(text).replaceAll("bb_$1_***");
    out = WEBHOOK_SECRET.matcher(out).replaceAll("whsec_***");
    out = ACCESS_SECRET.matcher(out).replaceAll("bbsk_***");
    out = JWT.matcher(out).replaceAll("eyJ***");
    out = SIGNATURE.matcher(out).replaceAll("v1,***");
    out = BEARER.matcher(out).replaceAll("$1***");
    out = AUTH_HEADER.matcher(out).replaceAll("$1***");
    return out;
  }
}
