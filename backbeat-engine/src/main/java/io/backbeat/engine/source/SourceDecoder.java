package io.backbeat.engine.source;

import io.backbeat.engine.encode.FFmpegLog;
import io.backbeat.engine.encode.WavStreamWriter;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes an uploaded file with FFmpeg (MP3, WAV, FLAC, Ogg Vorbis/Opus, M4A/AAC, AIFF, WebM/Matroska
 * audio) into a {@link SourceAudio}: resampled to 44.1 kHz stereo and written to disk frame block by
 * frame block, never held whole, with a mono analysis copy at 11,025 Hz.
 *
 * <p>Untrusted input: FFmpeg may only read the one local file (protocol whitelist {@code file}),
 * and only with audio demuxers ({@link #DEMUXERS}), so a playlist or concat script that names other
 * files or URLs is refused as not audio. The length is checked twice: from the container's header
 * before decoding starts, and by counting decoded frames (a header can lie or be missing).
 */
public final class SourceDecoder {
  /** Demuxers FFmpeg may pick for an upload (its own names; {@code mov} covers MP4/M4A). */
  public static final String DEMUXERS = "mp3,wav,flac,ogg,mov,mp4,m4a,aac,matroska,webm,aiff,w64,caf";

  public static final int ANALYSIS_RATE = SourceAudio.SAMPLE_RATE / 4;
  /** Decoders pad or round; a file this much over the limit still passes. */
  private static final double LENGTH_TOLERANCE_SECONDS = 0.5;

  private SourceDecoder() {}

  /**
   * Decodes {@code file} into {@code wavOut}.
   *
   * @throws NotAudioException if FFmpeg cannot read it, or it has no audio stream or no samples
   * @throws AudioTooLongException if it is longer than {@code maxLength}; {@code wavOut} is then removed
   */
  public static SourceAudio decode(Path file, Path wavOut, Duration maxLength) throws IOException {
    FFmpegLog.quiet();
    double maxSeconds = maxLength.toMillis() / 1000.0;
    long maxFrames = (long) Math.ceil((maxSeconds + LENGTH_TOLERANCE_SECONDS) * SourceAudio.SAMPLE_RATE);
    boolean complete = false;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setOption("protocol_whitelist", "file");
      grabber.setOption("format_whitelist", DEMUXERS);
      grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
      grabber.setSampleRate(SourceAudio.SAMPLE_RATE); // channels stay as they are: mono is doubled below, at full level
      try {
        grabber.start();
      } catch (FrameGrabber.Exception e) {
        throw new NotAudioException("the file is not audio in a format that can be decoded (MP3, WAV, FLAC, OGG, M4A …)", e);
      }
      if (!grabber.hasAudio()) {
        throw new NotAudioException("the file has no audio stream");
      }
      double declared = grabber.getLengthInTime() / 1e6;
      if (declared > maxSeconds + LENGTH_TOLERANCE_SECONDS) {
        throw new AudioTooLongException(declared, maxSeconds, false);
      }
      String codec = grabber.getAudioCodecName();
      int channels = Math.max(1, grabber.getAudioChannels());
      Downmix downmix = new Downmix();
      long frames = 0;
      try (WavStreamWriter wav = new WavStreamWriter(wavOut, 2, SourceAudio.SAMPLE_RATE)) {
        float[][] block = {new float[4096], new float[4096]}; // grown by planar()
        Frame frame;
        while ((frame = grabSamples(grabber)) != null) {
          if (frame.samples == null || frame.samples.length == 0) {
            continue;
          }
          int n = stereo(frame.samples, channels, block);
          if (n == 0) {
            continue;
          }
          wav.write(block, 0, n);
          downmix.add(block, n);
          frames += n;
          if (frames > maxFrames) {
            throw new AudioTooLongException(frames / (double) SourceAudio.SAMPLE_RATE, maxSeconds, true);
          }
        }
      }
      grabber.stop();
      if (frames == 0) {
        throw new NotAudioException("the file contains no audio samples");
      }
      complete = true;
      return new SourceAudio(wavOut, frames, downmix.result(), ANALYSIS_RATE, codec == null ? "unknown" : codec);
    } finally {
      if (!complete) {
        Files.deleteIfExists(wavOut);
      }
    }
  }

  private static Frame grabSamples(FFmpegFrameGrabber grabber) throws NotAudioException {
    try {
      return grabber.grabSamples();
    } catch (FrameGrabber.Exception e) {
      throw new NotAudioException("the audio could not be decoded: " + e.getMessage(), e);
    }
  }

  /**
   * Copies a frame's samples (interleaved or planar float, any channel count) into stereo {@code
   * out}, returning the frame count: mono is doubled; beyond two channels, the centre (the third,
   * in FFmpeg's order) is added to both sides at −3 dB and the rest is left out.
   */
  private static int stereo(Buffer[] buffers, int channels, float[][] out) {
    boolean interleaved = buffers.length == 1 && channels > 1;
    int n = interleaved ? ((FloatBuffer) buffers[0]).remaining() / channels : ((FloatBuffer) buffers[0]).remaining();
    for (Buffer b : buffers) {
      n = Math.min(n, interleaved ? n : ((FloatBuffer) b).remaining());
    }
    ensureInPlace(out, n);
    for (int i = 0; i < n; i++) {
      float left = sample(buffers, interleaved, channels, 0, i);
      float right = channels > 1 ? sample(buffers, interleaved, channels, 1, i) : left;
      if (channels > 2) {
        float centre = 0.7071f * sample(buffers, interleaved, channels, 2, i);
        left += centre;
        right += centre;
      }
      out[0][i] = left;
      out[1][i] = right;
    }
    return n;
  }

  private static float sample(Buffer[] buffers, boolean interleaved, int channels, int channel, int frame) {
    if (interleaved) {
      FloatBuffer fb = (FloatBuffer) buffers[0];
      return fb.get(fb.position() + frame * channels + channel);
    }
    FloatBuffer fb = (FloatBuffer) buffers[Math.min(channel, buffers.length - 1)];
    return fb.get(fb.position() + frame);
  }

  private static void ensureInPlace(float[][] out, int n) {
    for (int c = 0; c < out.length; c++) {
      if (out[c].length < n) {
        out[c] = new float[Math.max(n, 4096)];
      }
    }
  }

  /** Mono, low-passed at 4.5 kHz (two biquads), every fourth sample kept. */
  private static final class Downmix {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private final double[] state = new double[8];
    private float[] out = new float[1 << 16];
    private int size;
    private int phase;

    Downmix() {
      double w = 2 * Math.PI * 4500 / SourceAudio.SAMPLE_RATE;
      double alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
      double a0 = 1 + alpha;
      b0 = (1 - Math.cos(w)) / 2 / a0;
      b1 = (1 - Math.cos(w)) / a0;
      b2 = b0;
      a1 = -2 * Math.cos(w) / a0;
      a2 = (1 - alpha) / a0;
    }

    void add(float[][] block, int n) {
      for (int i = 0; i < n; i++) {
        double x = 0.5 * (block[0][i] + block[1][i]);
        for (int stage = 0; stage < 2; stage++) {
          int s = stage * 4;
          double y = b0 * x + b1 * state[s] + b2 * state[s + 1] - a1 * state[s + 2] - a2 * state[s + 3];
          if (Math.abs(y) < 1e-25) {
            y = 0;
          }
          state[s + 1] = state[s];
          state[s] = x;
          state[s + 3] = state[s + 2];
          state[s + 2] = y;
          x = y;
        }
        if (phase++ % 4 == 0) {
          if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
          }
          out[size++] = (float) x;
        }
      }
    }

    float[] result() {
      return Arrays.copyOf(out, size);
    }
  }
}
