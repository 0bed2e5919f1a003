package io.backbeat.engine.prompt;

import java.util.Locale;

/** English spelling by rule, shared by the prompt reader and the makers that quote its words. */
public final class Spelling {
  private Spelling() {}

  /** A plural noun's singular by spelling: skies → sky, waves → wave, kisses → kiss. */
  public static String singular(String w) {
    if (w.endsWith("ies") && w.length() > 4) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")
        && w.length() > 3) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Upper-cases the first letter and leaves the rest alone ("tokyo" → "Tokyo"). */
  public static String capitalize(String w) {
    if (w.isEmpty()) {
      return w;
    }
    return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }
}
