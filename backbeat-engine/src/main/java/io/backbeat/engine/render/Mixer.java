package io.backbeat.engine.render;

import io.backbeat.engine.analysis.LoudnessMeter;
import io.backbeat.engine.compose.Part;
import io.backbeat.engine.compose.PartRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Balances stems by measured loudness, pans them (constant power), adds one shared reverb fed by
 * per-part sends, and leaves headroom. Returns the mix and the stems as they sit in it.
 */
public final class Mixer {
  /** Where the reference part is placed before mastering; leaves room for peaks. */
  private static final double REFERENCE_LUFS = -24;
  private static final double HEADROOM_PEAK = 0.5; // −6 dBFS

  /** Frames mixed per step: every part's chunk is read, then added in part order. */
  private static final int CHUNK = 1 << 15;

  /**
   * A part's stem as rendered and the per-channel gains (level, pan, headroom) that place it in
   * the mix. The gains are applied when the stem is written, not to the stem's arrays: rescaling
   * seven 60 MB stems twice per clip cost more than the whole mix.
   */
  public record PlacedStem(StemAudio stem, float leftGain, float rightGain) {}

  /** The mixed song and each part's stem with its placement. */
  public record Mix(Stem master, List<PlacedStem> stems) {}

  /**
   * Mixes the stems (read, not modified), a chunk of every stem at a time: spilled stems are never
   * read whole. Each output frame adds the parts in the same order as a whole-array mix would, so
   * the sums are the same floats.
   *
   * @param loudness each stem's integrated loudness (measured where it was rendered, in parallel)
   */
  public Mix mix(List<Part> parts, List<? extends StemAudio> stems, double[] loudness) throws IOException {
    int frames = stems.get(0).frames();
    boolean instrumental = parts.stream().noneMatch(p -> p.role() == PartRole.VOCAL);
    float[] left = new float[frames];
    float[] right = new float[frames];
    float[] send = new float[frames];
    float[][] gains = new float[parts.size()][];
    float[] sendGains = new float[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      double targetLufs = REFERENCE_LUFS + MixSettings.level(part.role(), instrumental) + part.gainDb();
      double gainDb = loudness[i] <= LoudnessMeter.SILENCE ? 0 : targetLufs - loudness[i];
      gainDb = Math.max(-40, Math.min(30, gainDb));
      float gain = (float) Math.pow(10, gainDb / 20);
      // Constant-power pan law, normalised so centre is unity per channel.
      double angle = (part.pan() + 1) * Math.PI / 4;
      float gl = (float) (Math.cos(angle) * Math.sqrt(2)) * gain;
      float gr = (float) (Math.sin(angle) * Math.sqrt(2)) * gain;
      sendGains[i] = (float) part.reverb() * gain;
      gains[i] = new float[] {gl, gr};
    }
    List<StemAudio.Reader> readers = new ArrayList<>();
    try {
      for (StemAudio stem : stems) {
        readers.add(stem.open());
      }
      float[][] chunk = new float[2][CHUNK];
      for (int from = 0; from < frames; from += CHUNK) {
        int count = Math.min(CHUNK, frames - from);
        for (int i = 0; i < readers.size(); i++) {
          if (readers.get(i).readFully(chunk, 0, count) != count) {
            throw new IOException("stem " + stems.get(i).name() + " is shorter than the mix");
          }
          float gl = gains[i][0];
          float gr = gains[i][1];
          float sendGain = sendGains[i];
          float[] sl = chunk[0];
          float[] sr = chunk[1];
          for (int k = 0, f = from; k < count; k++, f++) {
            float l = sl[k];
            float r = sr[k];
            send[f] += (l + r) * 0.5f * sendGain;
            left[f] += l * gl;
            right[f] += r * gr;
          }
        }
      }
    } finally {
      for (StemAudio.Reader reader : readers) {
        reader.close();
      }
    }
    new Reverb(0.75f, 0.45f).addTo(send, left, right);
    highPass(left);
    highPass(right);
    float peak = 1e-9f;
    for (int f = 0; f < frames; f++) {
      peak = Math.max(peak, Math.max(Math.abs(left[f]), Math.abs(right[f])));
    }
    float headroom = (float) (HEADROOM_PEAK / peak);
    for (int f = 0; f < frames; f++) {
      left[f] *= headroom;
      right[f] *= headroom;
    }
    List<PlacedStem> placed = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      placed.add(new PlacedStem(stems.get(i), gains[i][0] * headroom, gains[i][1] * headroom));
    }
    return new Mix(new Stem("mix", left, right), placed);
  }

  /** 2nd-order 25 Hz high-pass: removes DC and sub-sonic rumble that waste headroom. */
  private static void highPass(float[] x) {
    double w = Math.tan(Math.PI * 25 / PartRenderer.SAMPLE_RATE);
    double q = Math.sqrt(0.5);
    double a0 = 1 + w / q + w * w;
    double b0 = 1 / a0, b1 = -2 / a0, b2 = 1 / a0;
    double a1 = 2 * (w * w - 1) / a0, a2 = (1 - w / q + w * w) / a0;
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double in = x[i];
      double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      if (Math.abs(y) < 1e-25) {
        y = 0; // keep silent tails out of slow denormal arithmetic
      }
      x2 = x1;
      x1 = in;
      y2 = y1;
      y1 = y;
      x[i] = (float) y;
    }
  }
}
