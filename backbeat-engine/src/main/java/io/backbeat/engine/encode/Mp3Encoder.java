package io.backbeat.engine.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_SKIP_SAMPLES;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_get_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_new_side_data;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * MP3 through FFmpeg's libmp3lame, 44.1 kHz stereo CBR, muxed by FFmpeg's mp3 muxer through
 * {@link FFmpegMuxer} (ID3v2 tags,
 * Xing/LAME header with the encoder delay and padding, so decoders trim to the exact length).
 *
 * <p>LAME is the slowest step of a render, so long audio is cut into fixed segments of {@value
 * #SEGMENT_FRAMES} MP3 frames that are encoded in parallel and joined frame by frame:
 *
 * <ul>
 *   <li>Every segment starts on a frame boundary of the whole signal and its encoder is fed
 *       {@value #CONTEXT_FRAMES} frames of the real signal before and after it, which are then
 *       dropped. Each kept frame was made from the same surrounding audio as in one long encode
 *       (the filterbank, MDCT overlap and look-ahead span under two frames), so the decoder's
 *       overlap-add across a seam joins two encodings of the same audio.
 *   <li>The bit reservoir stays on (it is worth about 0.4 dB less overshoot on bright songs): the
 *       first frame after a seam may start its data in the frames before it, which came from the
 *       other encoder. Those bytes are copied into the unused tail of the earlier encoder's last
 *       frames, which is exactly as long as that encoder's own next frame would have borrowed. A
 *       seam goes where the borrow fits ({@link #join}); should no frame near it fit, the whole
 *       signal is encoded in one piece instead.
 *   <li>The segmentation depends only on the length, never on the executor or the core count, so
 *       the same audio still gives the same bytes; {@code bitexact} keeps version strings out.
 * </ul>
 */
public final class Mp3Encoder {
  public static final int BITRATE = 192_000;
  /** Samples per MPEG-1 Layer III frame. */
  static final int FRAME = 1152;
  /** ~31 s at 44.1 kHz: a 3-minute clip makes 6 tasks, enough to keep every core busy. */
  static final int SEGMENT_FRAMES = 1200;
  /** Real signal encoded and discarded on each side of a seam. */
  static final int CONTEXT_FRAMES = 4;
  /** Frames from the nominal seam on that may start the later segment (all inside the context). */
  private static final int SEAM_CANDIDATES = 2;
  /** A borrow is at most 511 bytes: it reaches back at most this many frames. */
  private static final int RESERVOIR_FRAMES = 2;

  private Mp3Encoder() {}

  /** Encodes on the calling thread (same bytes as the parallel form). */
  public static void encode(Path file, float[] left, float[] right, int sampleRate,
      Map<String, String> tags) throws IOException {
    encode(file, left, right, sampleRate, tags, Runnable::run);
  }

  /** Encodes the segments on {@code executor} and writes the file when they are done. */
  public static void encode(Path file, float[] left, float[] right, int sampleRate,
      Map<String, String> tags, Executor executor) throws IOException {
    if (left.length != right.length) {
      throw new IllegalArgumentException("channel lengths differ");
    }
    encode(file, at -> new ArraySamples(left, right, at), left.length, sampleRate, tags, executor);
  }

  /**
   * Encodes a stereo WAV ({@link WavReader}: a float spill file gives the same bytes as its
   * samples given as arrays), each segment reading its own range a frame at a time: memory is a
   * few MP3 frames per running segment plus the encoded stream, never the audio.
   */
  public static void encode(Path file, Path wav, Map<String, String> tags, Executor executor)
      throws IOException {
    long frames;
    int sampleRate;
    try (WavReader reader = new WavReader(wav)) {
      if (reader.channels() != 2) {
        throw new IOException(wav + " has " + reader.channels() + " channels, not 2");
      }
      frames = reader.frames();
      sampleRate = reader.sampleRate();
    }
    if (frames > Integer.MAX_VALUE) {
      throw new IOException(wav + " is too long to encode");
    }
    encode(file, at -> {
      WavReader reader = new WavReader(wav);
      reader.seek(at);
      return new Samples() {
        @Override
        public int read(float[][] out, int offset, int count) throws IOException {
          return reader.read(out, offset, count);
        }

        @Override
        public void close() throws IOException {
          reader.close();
        }
      };
    }, (int) frames, sampleRate, tags, executor);
  }

  /** Stereo samples read in order from where they were opened. */
  interface Samples extends AutoCloseable {
    /** Reads up to {@code count} frames into {@code out[c][offset…]}; returns how many (0 at the end). */
    int read(float[][] out, int offset, int count) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Opens the signal at a frame: each segment reads only its own range, context included. */
  @FunctionalInterface
  interface Opener {
    Samples openAt(int frame) throws IOException;
  }

  /** Samples read from arrays held by the caller. */
  private record ArraySamples(float[] left, float[] right, int[] at) implements Samples {
    ArraySamples(float[] left, float[] right, int from) {
      this(left, right, new int[] {from});
    }

    @Override
    public int read(float[][] out, int offset, int count) {
      int n = Math.min(count, left.length - at[0]);
      System.arraycopy(left, at[0], out[0], offset, n);
      System.arraycopy(right, at[0], out[1], offset, n);
      at[0] += n;
      return n;
    }

    @Override
    public void close() {}
  }

  /** The common form: {@code samples} frames of stereo audio, opened where each segment needs it. */
  static void encode(Path file, Opener open, int samples, int sampleRate,
      Map<String, String> tags, Executor executor) throws IOException {
    FFmpegLog.quiet();
    List<int[]> ranges = segments(samples);
    List<CompletableFuture<Segment>> encoded = new ArrayList<>();
    for (int s = 0; s < ranges.size(); s++) {
      int from = ranges.get(s)[0];
      int to = ranges.get(s)[1];
      boolean last = s == ranges.size() - 1;
      encoded.add(CompletableFuture.supplyAsync(() -> {
        try {
          return encodeSegment(open, samples, sampleRate, from, to, last);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, executor));
    }
    List<Segment> segments = new ArrayList<>();
    for (CompletableFuture<Segment> f : encoded) {
      try {
        segments.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        throw e;
      }
    }
    List<Frame> frames = join(segments);
    if (frames == null) {
      frames = encodeSegment(open, samples, sampleRate, 0, samples, true).frames();
    }
    mux(file, frames, sampleRate, tags);
  }

  /** [from, to) sample ranges on frame boundaries; a short remainder joins the last segment. */
  static List<int[]> segments(int samples) {
    int length = SEGMENT_FRAMES * FRAME;
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (samples - from > length + length / 4) {
      out.add(new int[] {from, from + length});
      from += length;
    }
    out.add(new int[] {from, samples});
    return out;
  }

  /** One encoded MP3 frame: its bytes, its time in samples and any skip-samples side data. */
  private record Frame(byte[] data, long pts, long duration, byte[] skipSamples) {}

  /**
   * One encoder's output: {@code frames.get(i)} is frame {@code firstFrame + i} of the whole
   * signal. Context frames are included; {@link #join} picks the ones to keep.
   */
  private record Segment(int from, int to, long firstFrame, List<Frame> frames) {
    Frame frame(long global) {
      long local = global - firstFrame;
      return local >= 0 && local < frames.size() ? frames.get((int) local) : null;
    }
  }

  /**
   * Joins the segments into one stream, or returns null when some seam cannot take the borrowed
   * bytes of the frame after it. At each seam the first candidate frame (from the nominal seam,
   * a couple of frames on) whose borrow fits the earlier encoder's unused tail starts the later
   * segment's part.
   */
  private static List<Frame> join(List<Segment> segments) {
    List<Frame> out = new ArrayList<>();
    Segment current = segments.get(0);
    long next = 0; // the first global frame not yet in out
    for (int k = 1; k < segments.size(); k++) {
      Segment later = segments.get(k);
      long seam = -1;
      for (long n = later.from() / FRAME; n <= later.from() / FRAME + SEAM_CANDIDATES - 1 && seam < 0; n++) {
        Frame own = current.frame(n);
        Frame theirs = later.frame(n);
        if (own != null && theirs != null && current.frame(n - 1) != null && later.frame(n - 2) != null
            && mainDataBegin(theirs.data()) <= mainDataBegin(own.data())) {
          seam = n;
        }
      }
      if (seam < 0) {
        return null;
      }
      List<Frame> kept = new ArrayList<>();
      for (long n = next; n < seam; n++) {
        kept.add(copyOf(current.frame(n)));
      }
      List<byte[]> borrowedFrom = new ArrayList<>();
      for (long n = seam - RESERVOIR_FRAMES; n < seam; n++) {
        Frame f = later.frame(n);
        if (f != null) {
          borrowedFrom.add(f.data());
        }
      }
      copyMainDataTail(borrowedFrom, kept.stream().map(Frame::data).toList(),
          mainDataBegin(later.frame(seam).data()));
      out.addAll(kept);
      next = seam;
      current = later;
    }
    for (long n = next; current.frame(n) != null; n++) {
      out.add(current.frame(n));
    }
    return out;
  }

  private static Frame copyOf(Frame f) {
    return new Frame(f.data().clone(), f.pts(), f.duration(), f.skipSamples());
  }

  /** Where an MPEG-1 Layer III frame's main data area starts: header, optional CRC, side info. */
  static int mainDataOffset(byte[] frame) {
    boolean crc = (frame[1] & 0x01) == 0;
    boolean mono = ((frame[3] & 0xff) >> 6) == 3;
    return 4 + (crc ? 2 : 0) + (mono ? 17 : 32);
  }

  /** How many bytes before its own main data area a frame's main data starts (the borrow). */
  static int mainDataBegin(byte[] frame) {
    int at = mainDataOffset(frame) - (((frame[3] & 0xff) >> 6) == 3 ? 17 : 32);
    return ((frame[at] & 0xff) << 1) | ((frame[at + 1] & 0xff) >> 7);
  }

  /**
   * Copies the last {@code count} bytes of the main data areas of {@code from} over the last
   * {@code count} bytes of those of {@code to} (frames in stream order; headers and side info
   * are skipped, as a decoder does when it follows a borrow back).
   */
  static void copyMainDataTail(List<byte[]> from, List<byte[]> to, int count) {
    byte[] tail = new byte[count];
    int filled = 0;
    for (int i = from.size() - 1; i >= 0 && filled < count; i--) {
      byte[] f = from.get(i);
      int start = mainDataOffset(f);
      int take = Math.min(count - filled, f.length - start);
      System.arraycopy(f, f.length - take, tail, count - filled - take, take);
      filled += take;
    }
    int written = 0;
    for (int i = to.size() - 1; i >= 0 && written < count; i--) {
      byte[] f = to.get(i);
      int start = mainDataOffset(f);
      int put = Math.min(count - written, f.length - start);
      System.arraycopy(tail, count - written - put, f, f.length - put, put);
      written += put;
    }
    if (filled < count || written < count) {
      throw new IllegalStateException("borrow of " + count + " bytes reaches past the frames given");
    }
  }

  /** Encodes samples [from, to) with context around them (all frames, context included). */
  private static Segment encodeSegment(Opener open, int samples, int sampleRate, int from,
      int to, boolean last) throws IOException {
    int context = CONTEXT_FRAMES * FRAME;
    int start = Math.max(0, from - context);
    int end = last ? to : Math.min(samples, to + context);
    List<Frame> frames = new ArrayList<>();
    AVCodecContext ctx = openEncoder(sampleRate);
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    try (Samples in = open.openAt(start)) {
      int size = ctx.frame_size();
      float[][] chunk = new float[2][size];
      frame.nb_samples(size);
      frame.format(ctx.sample_fmt());
      check(av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout()), "channel layout");
      check(av_frame_get_buffer(frame, 0), "frame buffer");
      for (int at = start; at < end; at += size) {
        int count = Math.min(size, end - at);
        for (int got = 0; got < count; ) {
          int n = in.read(chunk, got, count - got);
          if (n <= 0) {
            throw new IOException("audio ended " + (end - at - got) + " frames early");
          }
          got += n;
        }
        check(av_frame_make_writable(frame), "frame");
        new FloatPointer(frame.data(0)).put(chunk[0], 0, count);
        new FloatPointer(frame.data(1)).put(chunk[1], 0, count);
        frame.nb_samples(count);
        frame.pts(at - start);
        check(avcodec_send_frame(ctx, frame), "encode");
        drain(ctx, packet, frames, start);
      }
      check(avcodec_send_frame(ctx, null), "flush");
      drain(ctx, packet, frames, start);
    } finally {
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(ctx);
    }
    return new Segment(from, to, start / FRAME, frames);
  }

  private static void drain(AVCodecContext ctx, AVPacket packet, List<Frame> frames, long start)
      throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(ctx, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      check(ret, "receive");
      byte[] data = new byte[packet.size()];
      packet.data().get(data);
      SizeTPointer sideSize = new SizeTPointer(1);
      BytePointer side = av_packet_get_side_data(packet, AV_PKT_DATA_SKIP_SAMPLES, sideSize);
      byte[] skip = null;
      if (side != null && !side.isNull()) {
        skip = new byte[(int) sideSize.get()];
        side.capacity(skip.length).get(skip);
      }
      frames.add(new Frame(data, packet.pts() + start, packet.duration(), skip));
      av_packet_unref(packet);
    }
  }

  private static AVCodecContext openEncoder(int sampleRate) throws IOException {
    AVCodec codec = avcodec_find_encoder_by_name("libmp3lame");
    if (codec == null || codec.isNull()) {
      throw new IOException("FFmpeg has no libmp3lame encoder");
    }
    AVCodecContext ctx = avcodec_alloc_context3(codec);
    ctx.sample_rate(sampleRate);
    ctx.bit_rate(BITRATE);
    ctx.sample_fmt(AV_SAMPLE_FMT_FLTP);
    ctx.time_base(av_make_q(1, sampleRate));
    ctx.flags(ctx.flags() | AV_CODEC_FLAG_BITEXACT);
    av_channel_layout_default(ctx.ch_layout(), 2);
    AVDictionary options = new AVDictionary(null);
    // LAME quality 7 ("fast, ok"): twice as fast as the default 5 and transparent enough at
    // 192 kbit/s for synthesized music.
    av_dict_set(options, "compression_level", "7", 0);
    try {
      check(avcodec_open2(ctx, codec, options), "open libmp3lame");
    } catch (IOException e) {
      avcodec_free_context(ctx);
      throw e;
    } finally {
      av_dict_free(options);
    }
    return ctx;
  }

  /** Writes the frames with FFmpeg's mp3 muxer, as one encoder's output would be written. */
  private static void mux(Path file, List<Frame> frames, int sampleRate, Map<String, String> tags)
      throws IOException {
    AVCodecContext ctx = openEncoder(sampleRate);
    AVCodecParameters parameters = avcodec_parameters_alloc();
    AVPacket packet = av_packet_alloc();
    try {
      // The stream's parameters (and the header's encoder delay) come from an identical encoder.
      check(avcodec_parameters_from_context(parameters, ctx), "stream parameters");
      try (FFmpegMuxer muxer = FFmpegMuxer.builder(file, "mp3").bitexact().tags(tags)
          .openForPackets(parameters, av_make_q(1, sampleRate))) {
        for (Frame f : frames) {
          check(av_new_packet(packet, f.data().length), "packet");
          packet.data().put(f.data());
          packet.pts(f.pts());
          packet.dts(f.pts());
          packet.duration(f.duration());
          packet.stream_index(0);
          if (f.skipSamples() != null) {
            BytePointer side = av_packet_new_side_data(packet, AV_PKT_DATA_SKIP_SAMPLES, f.skipSamples().length);
            side.capacity(f.skipSamples().length).put(f.skipSamples());
          }
          muxer.writePacket(packet);
          av_packet_unref(packet);
        }
      }
    } finally {
      av_packet_free(packet);
      avcodec_parameters_free(parameters);
      avcodec_free_context(ctx);
    }
  }

  private static void check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException("FFmpeg failed (" + what + "): error " + ret);
    }
  }
}
