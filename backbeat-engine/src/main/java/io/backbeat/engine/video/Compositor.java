package io.backbeat.engine.video;

/**
 * Draws a scaled, shifted layer onto a frame's pixels, by hand: nearest-neighbour sampling and
 * premultiplied source-over blending over {@code int} RGB arrays. Java2D's general transformed
 * {@code drawImage} costs about ten times as much per pixel, and a frame draws four or five layers;
 * the camera moves slowly enough that nearest sampling does not show.
 */
final class Compositor {
  private Compositor() {}

  /**
   * Draws {@code src} ({@code sw × sh}, premultiplied ARGB, or opaque RGB when {@code opaque}) so
   * that the source point ({@code cx}, {@code cy}) lands on the frame's centre, scaled by {@code
   * scale}, at {@code opacity}.
   */
  static void draw(int[] dst, int w, int h, int[] src, int sw, int sh, double cx, double cy, double scale,
      float opacity, boolean opaque) {
    int[] xs = new int[w];
    for (int x = 0; x < w; x++) {
      xs[x] = clamp((int) Math.floor((x + 0.5 - w / 2.0) / scale + cx), sw);
    }
    int o = Math.round(opacity * 256);
    for (int y = 0; y < h; y++) {
      int row = clamp((int) Math.floor((y + 0.5 - h / 2.0) / scale + cy), sh) * sw;
      int d = y * w;
      if (opaque && o >= 256) {
        for (int x = 0; x < w; x++) {
          dst[d + x] = src[row + xs[x]];
        }
        continue;
      }
      for (int x = 0; x < w; x++) {
        int p = src[row + xs[x]];
        int a = opaque ? 255 : p >>> 24;
        if (a == 0) {
          continue;
        }
        if (o < 256) {
          a = (a * o) >> 8;
          p = (((p >> 16) & 0xff) * o >> 8) << 16 | (((p >> 8) & 0xff) * o >> 8) << 8 | ((p & 0xff) * o >> 8);
        } else if (a == 255) {
          dst[d + x] = p & 0xffffff;
          continue;
        }
        int q = dst[d + x];
        int k = 255 - a;
        int r = ((p >> 16) & 0xff) + (((q >> 16) & 0xff) * k + 127) / 255;
        int g = ((p >> 8) & 0xff) + (((q >> 8) & 0xff) * k + 127) / 255;
        int b = (p & 0xff) + ((q & 0xff) * k + 127) / 255;
        dst[d + x] = (Math.min(255, r) << 16) | (Math.min(255, g) << 8) | Math.min(255, b);
      }
    }
  }

  private static int clamp(int v, int size) {
    return v < 0 ? 0 : v >= size ? size - 1 : v;
  }
}
