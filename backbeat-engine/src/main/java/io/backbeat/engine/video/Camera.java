package io.backbeat.engine.video;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the camera moves over a shot: a pan (left, right, up), a push in or a pull out, chosen by
 * camera words in the prompt ("pan left", "zoom in", "dolly", "推进") or else by the seed, eased in
 * and out. {@link #at} gives the pan as a fraction of the margin around the frame (−1..1) and the
 * zoom (1 = the frame as painted).
 */
final class Camera {
  enum Move { PAN_LEFT, PAN_RIGHT, RISE, PUSH_IN, PULL_OUT }

  record Pose(double panX, double panY, double zoom) {}

  private final Move move;

  Camera(Move move) {
    this.move = move;
  }

  static Camera of(String prompt, long seed) {
    String p = prompt.toLowerCase(Locale.ROOT);
    if (p.contains("pan left") || p.contains("左移") || p.contains("向左")) {
      return new Camera(Move.PAN_LEFT);
    }
    if (p.contains("pan right") || p.contains("右移") || p.contains("向右")) {
      return new Camera(Move.PAN_RIGHT);
    }
    if (p.contains("zoom in") || p.contains("push in") || p.contains("dolly in") || p.contains("推进") || p.contains("拉近")) {
      return new Camera(Move.PUSH_IN);
    }
    if (p.contains("zoom out") || p.contains("pull out") || p.contains("pull back") || p.contains("拉远")) {
      return new Camera(Move.PULL_OUT);
    }
    if (p.contains("tilt up") || p.contains("crane") || p.contains("rise") || p.contains("上升")) {
      return new Camera(Move.RISE);
    }
    Move[] moves = Move.values();
    return new Camera(moves[new SplittableRandom(seed ^ 0x43414DL).nextInt(moves.length)]);
  }

  Move move() {
    return move;
  }

  /** The pose at {@code u} of the way through the shot (0..1). */
  Pose at(double u) {
    double e = u * u * (3 - 2 * u); // smoothstep: starts and stops gently
    return switch (move) {
      case PAN_LEFT -> new Pose(0.8 - 1.6 * e, 0, 1.0);
      case PAN_RIGHT -> new Pose(-0.8 + 1.6 * e, 0, 1.0);
      case RISE -> new Pose(0, 0.7 - 1.4 * e, 1.0);
      case PUSH_IN -> new Pose(0.15 * e, 0, 1.0 + 0.14 * e);
      case PULL_OUT -> new Pose(-0.15 * (1 - e), 0, 1.14 - 0.14 * e);
    };
  }
}
