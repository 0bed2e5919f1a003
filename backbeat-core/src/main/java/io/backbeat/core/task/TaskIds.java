package io.backbeat.core.task;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Task ids are 128 random bits as 32 lowercase hex characters: unguessable and URL-safe. */
public final class TaskIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

  private TaskIds() {}

  public static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean isWellFormed(String id) {
    return id != null && SHAPE.matcher(id).matches();
  }
}
