package io.backbeat.core.asset;

import java.util.regex.Pattern;

/** Asset keys are {@code <taskId>/<file>}: no separators, dots-only names or odd characters. */
public final class AssetKeys {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private AssetKeys() {}

  public static String of(String taskId, String file) {
    String key = taskId + "/" + file;
    if (!isValid(key)) {
      throw new IllegalArgumentException("invalid asset key: " + key);
    }
    return key;
  }

  public static boolean isValid(String key) {
    if (key == null) {
      return false;
    }
    String[] parts = key.split("/", -1);
    if (parts.length != 2) {
      return false;
    }
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches() || part.contains("..")) {
        return false;
      }
    }
    return true;
  }

  public static String contentTypeOf(String file) {
    String lower = file.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".mp3")) return "audio/mpeg";
    if (lower.endsWith(".wav")) return "audio/wav";
    if (lower.endsWith(".mp4")) return "video/mp4";
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) return "image/jpeg";
    if (lower.endsWith(".png")) return "image/png";
    if (lower.endsWith(".json")) return "application/json";
    if (lower.endsWith(".txt")) return "text/plain; charset=utf-8";
    if (lower.endsWith(".mid") || lower.endsWith(".midi")) return "audio/midi";
    return "application/octet-stream";
  }
}
