package io.backbeat.engine.encode;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * MP4 video for the web: H.264 (libopenh264, YUV 4:2:0) and, when audio is given, AAC, with the
 * index at the front ({@code movflags=+faststart}) so playback starts before the download ends.
 *
 * <p>Frames are streamed: a {@link FrameSource} paints each one onto a canvas the writer reuses,
 * so only one frame is ever in memory, whatever the length. The video has {@code round(duration ×
 * fps)} frames; the audio is cut or padded with silence to exactly the duration. The soundtrack is
 * an array, or an {@link AudioSource} read chunk by chunk as it is muxed (never held whole). A
 * writer is immutable and may be reused, except that a streamed source is read once; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * Mp4Writer.builder().size(1280, 720).fps(30).duration(Duration.ofSeconds(12))
 *     .audio(new float[][] {left, right}, 44100).tag("title", "Neon Street")
 *     .progress((done, total) -> log.info("{}/{}", done, total))
 *     .build()
 *     .write(out, (canvas, index, seconds) -> paintScene(canvas, seconds));
 * }</pre>
 */
public final class Mp4Writer {
  public static final String VIDEO_CODEC = "libopenh264";
  public static final String AUDIO_CODEC = "aac";
  /** Audio handed to the muxer per call, in frames (keeps the interleaving queue short). */
  private static final int AUDIO_CHUNK = 8192;

  /** Paints the frames of a video. */
  @FunctionalInterface
  public interface FrameSource {
    /**
     * Paints frame {@code index}, shown at {@code seconds} from the start, onto {@code canvas}: a
     * {@code TYPE_3BYTE_BGR} image of the video's size, reused for every frame and still holding
     * the previous one (so a source may paint only what changed).
     */
    void paint(BufferedImage canvas, int index, double seconds) throws IOException;

    /** A source from whole images (any size or type; each is drawn scaled to fill the frame). */
    static FrameSource ofImages(IntFunction<BufferedImage> imageForFrame) {
      return (canvas, index, seconds) -> {
        BufferedImage image = imageForFrame.apply(index);
        Graphics2D g = canvas.createGraphics();
        try {
          g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
          g.drawImage(image, 0, 0, canvas.getWidth(), canvas.getHeight(), null);
        } finally {
          g.dispose();
        }
      };
    }
  }

  /** Told how far the encode is: at most about a hundred times, and always after the last frame. */
  @FunctionalInterface
  public interface Progress {
    void update(int framesWritten, int totalFrames);
  }

  /** What was written. */
  public record Written(Path file, int frames, double durationSeconds, boolean hasAudio) {}

  private final int width;
  private final int height;
  private final double fps;
  private final double durationSeconds;
  private final AudioSource audio;
  private final int sampleRate;
  private final int videoBitrate;
  private final int audioBitrate;
  private final double keyFrameSeconds;
  private final Map<String, String> tags;
  private final Progress progress;

  private Mp4Writer(Builder b) {
    this.width = b.width;
    this.height = b.height;
    this.fps = b.fps;
    this.durationSeconds = b.durationSeconds;
    this.audio = b.audio;
    this.sampleRate = b.sampleRate;
    this.videoBitrate = b.videoBitrate > 0 ? b.videoBitrate : defaultVideoBitrate(b.width, b.height, b.fps);
    this.audioBitrate = b.audioBitrate;
    this.keyFrameSeconds = b.keyFrameSeconds;
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags)); // in the order given
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Frames the video has: {@code round(duration × fps)}, at least one. */
  public int frameCount() {
    return (int) Math.max(1, Math.round(durationSeconds * fps));
  }

  /**
   * Writes the video to {@code file}, painting each frame with {@code frames} on the calling
   * thread while the previous frame is encoded on another (painting and H.264 encoding cost about
   * the same, so the two overlap). An interrupt stops it between frames ({@link
   * InterruptedIOException}); on any failure the partial file is deleted.
   */
  public Written write(Path file, FrameSource frames) throws IOException {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(frames, "frames is null");
    int total = frameCount();
    long totalSamples = audio == null ? 0 : Math.round(durationSeconds * sampleRate);
    FFmpegMuxer.Builder spec = FFmpegMuxer.builder(file, "mp4")
        .video(VIDEO_CODEC, width, height, fps, videoBitrate)
        .gop((int) Math.max(1, Math.round(keyFrameSeconds * fps)))
        // Every frame is kept: a skipped frame would shorten the video.
        .videoOption("allow_skip_frames", "0")
        .option("movflags", "+faststart")
        .tags(tags);
    if (audio != null) {
      spec.audio(AUDIO_CODEC, sampleRate, audio.channels(), audioBitrate);
    }
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] canvasPixels = FFmpegMuxer.plainPixels(canvas);
    int reportEvery = Math.max(1, total / 100);
    boolean done = false;
    try (FFmpegMuxer muxer = spec.open();
        Encoder encoder = new Encoder(muxer, audio == null ? null : new AudioFeed(muxer, audio instanceof ArraySource array ? array.fresh() : audio),
            totalSamples, canvasPixels.length)) {
      for (int i = 0; i < total; i++) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted at frame " + i + " of " + total);
        }
        frames.paint(canvas, i, i / fps);
        encoder.submit(canvasPixels, i);
        if (progress != null && (i + 1) % reportEvery == 0 && i + 1 < total) {
          progress.update(i + 1, total);
        }
      }
      encoder.finish();
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
    if (progress != null) {
      progress.update(total, total);
    }
    return new Written(file, total, durationSeconds, audio != null);
  }

  /**
   * Encodes on its own thread: two pixel buffers take turns, so the caller paints frame n+1 while
   * frame n is encoded, and the canvas keeps its content. Only this thread touches the muxer until
   * it is closed.
   */
  private final class Encoder implements AutoCloseable {
    private final FFmpegMuxer muxer;
    private final AudioFeed feed;
    private final long totalSamples;
    private final BlockingQueue<Pixels> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Pixels> queued = new ArrayBlockingQueue<>(3);
    private final Thread thread;
    private volatile Throwable failure;

    /** One frame's pixels; {@code index} < 0 marks the end. */
    private record Pixels(ByteBuffer data, int index) {}

    Encoder(FFmpegMuxer muxer, AudioFeed feed, long totalSamples, int frameBytes) {
      this.muxer = muxer;
      this.feed = feed;
      this.totalSamples = totalSamples;
      for (int i = 0; i < 2; i++) {
        free.add(new Pixels(ByteBuffer.allocateDirect(frameBytes), 0));
      }
      this.thread = Thread.ofPlatform().daemon().name("mp4-encoder").start(this::run);
    }

    /** Copies the frame for the encoder, waiting for a free buffer. */
    void submit(byte[] pixels, int index) throws IOException {
      Pixels buffer = take(free);
      buffer.data().clear();
      buffer.data().put(pixels);
      buffer.data().flip();
      put(new Pixels(buffer.data(), index));
    }

    /** Waits until every frame and the rest of the audio are written. */
    void finish() throws IOException {
      put(new Pixels(null, -1));
      join();
      rethrow();
    }

    private void run() {
      try {
        while (true) {
          Pixels frame = queued.take();
          if (frame.index() < 0) {
            break;
          }
          muxer.writeVideo(frame.data());
          if (feed != null) {
            // Audio up to the end of this frame, so the muxer interleaves as it goes.
            feed.upTo(Math.min(totalSamples, Math.round((frame.index() + 1) / fps * sampleRate)));
          }
          free.put(frame);
        }
        if (feed != null) {
          feed.upTo(totalSamples);
        }
      } catch (InterruptedException e) {
        // stopped by close(): the caller failed or gave up
      } catch (Throwable e) {
        failure = e;
      }
    }

    private Pixels take(BlockingQueue<Pixels> queue) throws IOException {
      try {
        while (true) {
          rethrow();
          Pixels p = queue.poll(50, TimeUnit.MILLISECONDS);
          if (p != null) {
            return p;
          }
          if (!thread.isAlive()) {
            rethrow();
            throw new IOException("the encoder stopped");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the encoder");
      }
    }

    private void put(Pixels p) throws IOException {
      try {
        queued.put(p); // never full: at most two frames and the end marker are in flight
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while handing a frame to the encoder");
      }
    }

    private void rethrow() throws IOException {
      Throwable f = failure;
      if (f instanceof IOException io) {
        throw io;
      }
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
    }

    private void join() {
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true; // the muxer may not be closed under a running encode
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** Stops the encoder thread (after its current frame) before the muxer is closed. */
    @Override
    public void close() {
      thread.interrupt();
      join();
    }
  }

  /**
   * A soundtrack read in order, a chunk at a time, so a long one is never held whole (a WAV file
   * through {@link WavReader}, say).
   */
  public interface AudioSource {
    /** 1 or 2. */
    int channels();

    /** Reads up to {@code count} frames into {@code out[c][offset…]}; returns how many (0 at the end). */
    int read(float[][] out, int offset, int count) throws IOException;
  }

  /** Hands the soundtrack to the muxer in chunks, padding with silence past its end. */
  private static final class AudioFeed {
    private final FFmpegMuxer muxer;
    private final AudioSource source;
    private final float[][] chunk;
    private boolean ended;
    private long written;

    AudioFeed(FFmpegMuxer muxer, AudioSource source) {
      this.muxer = muxer;
      this.source = source;
      this.chunk = new float[source.channels()][AUDIO_CHUNK];
    }

    void upTo(long end) throws IOException {
      while (written < end) {
        int count = (int) Math.min(AUDIO_CHUNK, end - written);
        int filled = 0;
        while (!ended && filled < count) {
          int got = source.read(chunk, filled, count - filled);
          if (got <= 0) {
            ended = true;
          }
          filled += Math.max(0, got);
        }
        for (float[] channel : chunk) {
          java.util.Arrays.fill(channel, filled, count, 0f);
        }
        muxer.writeAudio(chunk, 0, count);
        written += count;
      }
    }
  }

  /**
   * A soundtrack already in memory. Each write reads it from its start ({@link #fresh}), so a writer
   * built on an array stays reusable; one built on a streamed source writes once.
   */
  private static final class ArraySource implements AudioSource {
    private final float[][] pcm;
    private int position;

    ArraySource(float[][] pcm) {
      this.pcm = pcm;
    }

    ArraySource fresh() {
      return new ArraySource(pcm);
    }

    @Override
    public int channels() {
      return pcm.length;
    }

    @Override
    public int read(float[][] out, int offset, int count) {
      int n = Math.min(count, pcm[0].length - position);
      if (n <= 0) {
        return 0;
      }
      for (int c = 0; c < pcm.length; c++) {
        System.arraycopy(pcm[c], position, out[c], offset, n);
      }
      position += n;
      return n;
    }
  }

  /** About 0.1 bit per pixel per frame: clean for drawn scenes and lyric text. */
  private static int defaultVideoBitrate(int width, int height, double fps) {
    return (int) Math.min(20_000_000, Math.max(500_000, width * (long) height * fps / 10));
  }

  /** Required: {@link #size} and {@link #duration}; everything else has a default. */
  public static final class Builder {
    private int width;
    private int height;
    private double fps = 30;
    private double durationSeconds = Double.NaN;
    private AudioSource audio;
    private int sampleRate;
    private int videoBitrate;
    private int audioBitrate = 192_000;
    private double keyFrameSeconds = 2;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private Progress progress;

    private Builder() {}

    /** Frame size in pixels; both even (H.264 with 4:2:0 chroma). Required. */
    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Frames per second (default 30). */
    public Builder fps(double fps) {
      this.fps = fps;
      return this;
    }

    /** Length of the video (and of its audio). Required. */
    public Builder duration(Duration duration) {
      Objects.requireNonNull(duration, "duration is null");
      return durationSeconds(duration.toNanos() / 1e9);
    }

    public Builder durationSeconds(double seconds) {
      this.durationSeconds = seconds;
      return this;
    }

    /**
     * The soundtrack: one float array per channel (1 or 2), values in [-1, 1], not copied. Without
     * it the video has no audio stream at all.
     */
    public Builder audio(float[][] channels, int sampleRate) {
      Objects.requireNonNull(channels, "audio is null");
      if (channels.length < 1 || channels.length > 2) {
        throw new IllegalArgumentException("audio must have 1 or 2 channels: " + channels.length);
      }
      for (float[] channel : channels) {
        if (channel == null || channel.length != channels[0].length) {
          throw new IllegalArgumentException("audio channels must all have the same length");
        }
      }
      return audio(new ArraySource(channels), sampleRate);
    }

    /** The soundtrack read as it is muxed: one chunk in memory at a time, whatever its length. */
    public Builder audio(AudioSource source, int sampleRate) {
      this.audio = Objects.requireNonNull(source, "audio is null");
      this.sampleRate = sampleRate;
      return this;
    }

    /** Video bit rate in bit/s (default about 0.1 bit per pixel per frame). */
    public Builder videoBitrate(int bitsPerSecond) {
      this.videoBitrate = bitsPerSecond;
      return this;
    }

    /** AAC bit rate in bit/s (default 192 kbit/s). */
    public Builder audioBitrate(int bitsPerSecond) {
      this.audioBitrate = bitsPerSecond;
      return this;
    }

    /** At most this long between key frames, for seeking (default 2 s). */
    public Builder keyFrameSeconds(double seconds) {
      this.keyFrameSeconds = seconds;
      return this;
    }

    /** A metadata tag (title, artist, comment…). */
    public Builder tag(String key, String value) {
      if (value != null) {
        tags.put(Objects.requireNonNull(key, "tag key is null"), value);
      }
      return this;
    }

    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    public Mp4Writer build() {
      if (width == 0 && height == 0) {
        throw new IllegalStateException("size is required");
      }
      if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
        throw new IllegalArgumentException("size must be positive and even: " + width + "x" + height);
      }
      if (Double.isNaN(durationSeconds)) {
        throw new IllegalStateException("duration is required");
      }
      if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
        throw new IllegalArgumentException("duration must be positive: " + durationSeconds + " s");
      }
      if (!(fps > 0) || fps > 240) {
        throw new IllegalArgumentException("fps must be in (0, 240]: " + fps);
      }
      if (audio != null) {
        if (audio.channels() < 1 || audio.channels() > 2) {
          throw new IllegalArgumentException("audio must have 1 or 2 channels: " + audio.channels());
        }
        if (sampleRate < 8000 || sampleRate > 96000) {
          throw new IllegalArgumentException("audio sampleRate must be in [8000, 96000]: " + sampleRate);
        }
      }
      if (audioBitrate <= 0 || videoBitrate < 0) {
        throw new IllegalArgumentException("bit rates must be positive");
      }
      if (!(keyFrameSeconds > 0)) {
        throw new IllegalArgumentException("keyFrameSeconds must be positive: " + keyFrameSeconds);
      }
      return new Mp4Writer(this);
    }
  }
}
