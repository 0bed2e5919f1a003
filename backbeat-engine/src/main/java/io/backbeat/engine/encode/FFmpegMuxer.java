package io.backbeat.engine.encode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;


import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * One media file written by FFmpeg's muxers through JavaCV's {@link FFmpegFrameRecorder}: a
 * container format, at most one audio and one video stream, muxer options (such as {@code
 * movflags=+faststart}) and metadata tags. Audio is given as PCM (16-bit interleaved or float
 * planar) and encoded with the named codec, video as {@code TYPE_3BYTE_BGR} images. Nothing is
 * buffered here beyond one chunk: callers stream, the muxer interleaves.
 *
 * <p>Not thread-safe: one writer per file. Used by {@link Mp3Encoder} (pre-encoded packets),
 * {@link WavWriter} and {@link Mp4Writer}.
 */
public final class FFmpegMuxer implements AutoCloseable {
  private final Path file;
  private final FFmpegFrameRecorder recorder;
  private final int channels;
  private final int width;
  private final int height;
  /** The pretend input whose one stream describes pre-encoded packets; null otherwise. */
  private AVFormatContext packetSource;
  private ShortBuffer shorts;
  private FloatBuffer[] planes;
  private ByteBuffer pixels;
  private long audioFrames;
  private long videoFrames;
  private boolean closed;

  private FFmpegMuxer(Path file, FFmpegFrameRecorder recorder, int channels, int width, int height) {
    this.file = file;
    this.recorder = recorder;
    this.channels = channels;
    this.width = width;
    this.height = height;
  }

  /** Starts describing a file in {@code format} (an FFmpeg muxer name: "mp3", "wav", "mp4"…). */
  public static Builder builder(Path file, String format) {
    return new Builder(file, format);
  }

  /**
   * Writes {@code frames} frames of 16-bit PCM, channels interleaved, starting at frame {@code
   * offset} of {@code interleaved}.
   */
  public void writeAudio(short[] interleaved, int offset, int frames) throws IOException {
    requireAudio();
    int count = frames * channels;
    if (shorts == null || shorts.capacity() < count) {
      shorts = ByteBuffer.allocateDirect(Math.max(count, 1 << 14) * 2)
          .order(ByteOrder.nativeOrder()).asShortBuffer();
    }
    shorts.clear();
    shorts.put(interleaved, offset * channels, count);
    shorts.flip(); // the recorder reads from position 0 to the limit
    try {
      recorder.recordSamples(recorder.getSampleRate(), channels, shorts);
    } catch (FrameRecorder.Exception e) {
      throw failure("audio", e);
    }
    audioFrames += frames;
  }

  /** Writes {@code frames} frames of float PCM, one array per channel, from frame {@code offset}. */
  public void writeAudio(float[][] planar, int offset, int frames) throws IOException {
    requireAudio();
    if (planar.length != channels) {
      throw new IllegalArgumentException("expected " + channels + " channels, got " + planar.length);
    }
    if (planes == null || planes[0].capacity() < frames) {
      planes = new FloatBuffer[channels];
      for (int c = 0; c < channels; c++) {
        planes[c] = ByteBuffer.allocateDirect(Math.max(frames, 1 << 13) * 4)
            .order(ByteOrder.nativeOrder()).asFloatBuffer();
      }
    }
    for (int c = 0; c < channels; c++) {
      planes[c].clear();
      planes[c].put(planar[c], offset, frames);
      planes[c].flip();
    }
    try {
      recorder.recordSamples(recorder.getSampleRate(), channels, planes);
    } catch (FrameRecorder.Exception e) {
      throw failure("audio", e);
    }
    audioFrames += frames;
  }

  /** Writes one video frame: a {@code TYPE_3BYTE_BGR} image of the stream's size. */
  public void writeVideo(BufferedImage image) throws IOException {
    if (width == 0) {
      throw new IllegalStateException("no video stream in " + file);
    }
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
        || image.getWidth() != width || image.getHeight() != height) {
      throw new IllegalArgumentException("a frame must be a " + width + "x" + height
          + " TYPE_3BYTE_BGR image, got " + image.getWidth() + "x" + image.getHeight()
          + " type " + image.getType());
    }
    byte[] data = plainPixels(image);
    if (pixels == null) {
      pixels = ByteBuffer.allocateDirect(width * height * 3);
    }
    pixels.clear();
    pixels.put(data, 0, width * height * 3);
    pixels.flip();
    writeVideo(pixels);
  }

  /**
   * The pixel bytes of a {@code TYPE_3BYTE_BGR} image that owns its whole raster (not a
   * sub-image), rows top down without padding.
   */
  static byte[] plainPixels(BufferedImage image) {
    WritableRaster raster = image.getRaster();
    if (raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
        || raster.getDataBuffer().getOffset() != 0
        || !(raster.getSampleModel() instanceof ComponentSampleModel model)
        || model.getScanlineStride() != image.getWidth() * 3) {
      throw new IllegalArgumentException("a frame must own its raster (not a sub-image)");
    }
    return ((DataBufferByte) raster.getDataBuffer()).getData();
  }

  /** Writes one video frame from a direct buffer of {@code width × height} BGR pixels, rows top down. */
  void writeVideo(ByteBuffer bgr) throws IOException {
    if (width == 0) {
      throw new IllegalStateException("no video stream in " + file);
    }
    if (!bgr.isDirect() || bgr.position() != 0 || bgr.limit() != width * height * 3) {
      throw new IllegalArgumentException("a frame must be a direct buffer of " + width * height * 3 + " bytes");
    }
    try {
      recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_BGR24, bgr);
    } catch (FrameRecorder.Exception e) {
      throw failure("video", e);
    }
    videoFrames++;
  }

  /**
   * Writes one pre-encoded audio packet (stream 0, timestamps in the time base given to {@link
   * Builder#openForPackets}). The packet is consumed: its reference is released.
   */
  void writePacket(AVPacket packet) throws IOException {
    if (packetSource == null) {
      throw new IllegalStateException("not opened for packets: " + file);
    }
    try {
      recorder.recordPacket(packet);
    } catch (FrameRecorder.Exception e) {
      throw failure("packet", e);
    }
  }

  /** Audio frames (samples per channel) written so far. */
  public long audioFramesWritten() {
    return audioFrames;
  }

  /** Video frames written so far. */
  public long videoFramesWritten() {
    return videoFrames;
  }

  /** Flushes the encoders and writes the trailer (MP4: moves the index to the front). */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      recorder.stop(); // releases the recorder, also when it fails
    } catch (FrameRecorder.Exception e) {
      throw failure("finish", e);
    } finally {
      if (packetSource != null) {
        avformat_free_context(packetSource);
        packetSource = null;
      }
    }
  }

  private void requireAudio() {
    if (channels == 0) {
      throw new IllegalStateException("no audio stream in " + file);
    }
  }

  private IOException failure(String what, Exception e) {
    return new IOException("FFmpeg could not write " + what + " to " + file + ": " + e.getMessage(), e);
  }

  /** What the file holds; {@link #open()} starts writing it. */
  public static final class Builder {
    private final Path file;
    private final String format;
    private String audioCodec;
    private int sampleRate;
    private int channels;
    private int audioBitrate;
    private String videoCodec;
    private int width;
    private int height;
    private double fps;
    private int videoBitrate;
    private int gopFrames = -1;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> audioOptions = new LinkedHashMap<>();
    private final Map<String, String> videoOptions = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder(Path file, String format) {
      this.file = Objects.requireNonNull(file, "file is null");
      this.format = Objects.requireNonNull(format, "format is null");
    }

    /**
     * An audio stream encoded with {@code codec} (an FFmpeg encoder name: "pcm_s16le", "aac",
     * "libmp3lame"); {@code bitrate} in bit/s, ignored by PCM codecs (0 is fine there).
     */
    public Builder audio(String codec, int sampleRate, int channels, int bitrate) {
      if (sampleRate <= 0 || channels <= 0) {
        throw new IllegalArgumentException("audio needs a positive sample rate and channel count: "
            + sampleRate + " Hz, " + channels + " channels");
      }
      this.audioCodec = Objects.requireNonNull(codec, "audio codec is null");
      this.sampleRate = sampleRate;
      this.channels = channels;
      // The recorder adds no audio stream at bit rate 0; PCM's real rate is a fine stand-in.
      this.audioBitrate = bitrate > 0 ? bitrate : sampleRate * channels * 16;
      return this;
    }

    /**
     * A video stream encoded with {@code codec} ("libopenh264"…) in YUV 4:2:0 at {@code width} ×
     * {@code height} (both even) and {@code fps} frames per second; {@code bitrate} in bit/s.
     */
    public Builder video(String codec, int width, int height, double fps, int bitrate) {
      if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
        throw new IllegalArgumentException("video width and height must be positive and even: "
            + width + "x" + height);
      }
      if (!(fps > 0) || bitrate <= 0) {
        throw new IllegalArgumentException("video needs a positive fps and bitrate: " + fps + ", " + bitrate);
      }
      this.videoCodec = Objects.requireNonNull(codec, "video codec is null");
      this.width = width;
      this.height = height;
      this.fps = fps;
      this.videoBitrate = bitrate;
      return this;
    }

    /** At most this many frames between key frames. */
    public Builder gop(int frames) {
      this.gopFrames = frames;
      return this;
    }

    /** A muxer (or I/O) option, as {@code ffmpeg -KEY VALUE} before the output file. */
    public Builder option(String key, String value) {
      options.put(key, value);
      return this;
    }

    /** A private option of the audio encoder. */
    public Builder audioOption(String key, String value) {
      audioOptions.put(key, value);
      return this;
    }

    /** A private option of the video encoder. */
    public Builder videoOption(String key, String value) {
      videoOptions.put(key, value);
      return this;
    }

    /** A metadata tag of the file (title, artist, genre, comment…), written in UTF-8. */
    public Builder tag(String key, String value) {
      if (value != null) {
        tags.put(key, value);
      }
      return this;
    }

    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    /** No version strings in the file (same input, same bytes, whatever FFmpeg build wrote it). */
    public Builder bitexact() {
      return option("fflags", "+bitexact");
    }

    /** Opens the file and writes its header. */
    public FFmpegMuxer open() throws IOException {
      if (audioCodec == null && videoCodec == null) {
        throw new IllegalStateException("a file needs an audio or a video stream: " + file);
      }
      // The recorder falls back to the format's default codec for an unknown name: say so instead.
      requireEncoder(audioCodec);
      requireEncoder(videoCodec);
      FFmpegFrameRecorder recorder = recorder(audioCodec == null ? 0 : channels);
      if (audioCodec != null) {
        recorder.setAudioCodecName(audioCodec);
        recorder.setSampleRate(sampleRate);
        recorder.setAudioBitrate(audioBitrate);
        recorder.setAudioOptions(new LinkedHashMap<>(audioOptions));
        if (audioCodec.equals("pcm_f32le")) {
          // the recorder defaults to 16-bit or planar float, which this encoder does not take
          recorder.setSampleFormat(AV_SAMPLE_FMT_FLT);
        }
      }
      if (videoCodec != null) {
        recorder.setImageWidth(width);
        recorder.setImageHeight(height);
        recorder.setVideoCodecName(videoCodec);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoBitrate(videoBitrate);
        recorder.setGopSize(gopFrames);
        recorder.setVideoOptions(new LinkedHashMap<>(videoOptions));
      }
      start(recorder, null);
      return new FFmpegMuxer(file, recorder, audioCodec == null ? 0 : channels,
          videoCodec == null ? 0 : width, videoCodec == null ? 0 : height);
    }

    /**
     * Opens the file for one audio stream of packets encoded elsewhere, described by {@code
     * parameters} (from the encoder that made them) with timestamps in {@code timeBase}.
     */
    FFmpegMuxer openForPackets(AVCodecParameters parameters, AVRational timeBase) throws IOException {
      AVFormatContext source = avformat_alloc_context();
      AVStream stream = avformat_new_stream(source, null);
      if (stream == null || avcodec_parameters_copy(stream.codecpar(), parameters) < 0) {
        avformat_free_context(source);
        throw new IOException("FFmpeg could not describe the packets for " + file);
      }
      stream.time_base(timeBase);
      FFmpegFrameRecorder recorder = recorder(parameters.ch_layout().nb_channels());
      try {
        start(recorder, source);
      } catch (IOException e) {
        avformat_free_context(source);
        throw e;
      }
      FFmpegMuxer muxer = new FFmpegMuxer(file, recorder, 0, 0, 0);
      muxer.packetSource = source;
      return muxer;
    }

    private void requireEncoder(String name) throws IOException {
      if (name == null) {
        return;
      }
      FFmpegLog.quiet();
      AVCodec codec = avcodec_find_encoder_by_name(name);
      if (codec == null || codec.isNull()) {
        throw new IOException("FFmpeg has no encoder named " + name + " for " + file);
      }
    }

    private FFmpegFrameRecorder recorder(int audioChannels) {
      FFmpegLog.quiet();
      FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toString(), width, height, audioChannels);
      recorder.setFormat(format);
      recorder.setCharset(StandardCharsets.UTF_8);
      recorder.setOptions(new LinkedHashMap<>(options));
      recorder.setMetadata(new LinkedHashMap<>(tags));
      return recorder;
    }

    private void start(FFmpegFrameRecorder recorder, AVFormatContext source) throws IOException {
      try {
        if (source == null) {
          recorder.start();
        } else {
          recorder.start(source);
        }
      } catch (FrameRecorder.Exception e) {
        try {
          recorder.release();
        } catch (FrameRecorder.Exception ignored) {
          // the start failure is the one worth reporting
        }
        throw new IOException("FFmpeg could not start " + format + " file " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
