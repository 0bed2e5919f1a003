package io.backbeat.engine.encode;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Decodes anything FFmpeg reads (MP3, WAV, M4A, MP4…) to float PCM at its native rate. */
public final class AudioDecoder {
  private AudioDecoder() {}

  public static DecodedAudio decode(Path file) throws IOException {
    FFmpegLog.quiet();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
      grabber.start();
      int channels = grabber.getAudioChannels();
      int rate = grabber.getSampleRate();
      if (channels <= 0 || rate <= 0) {
        throw new IOException("no audio stream in " + file);
      }
      FloatList[] data = new FloatList[channels];
      for (int c = 0; c < channels; c++) {
        data[c] = new FloatList();
      }
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        if (frame.samples == null) {
          continue;
        }
        Buffer[] buffers = frame.samples;
        if (buffers.length == 1 && channels > 1) {
          FloatBuffer fb = (FloatBuffer) buffers[0];
          int n = fb.remaining() / channels;
          for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
              data[c].add(fb.get(fb.position() + i * channels + c));
            }
          }
        } else {
          for (int c = 0; c < Math.min(channels, buffers.length); c++) {
            FloatBuffer fb = (FloatBuffer) buffers[c];
            for (int i = fb.position(); i < fb.limit(); i++) {
              data[c].add(fb.get(i));
            }
          }
        }
      }
      grabber.stop();
      float[][] out = new float[channels][];
      for (int c = 0; c < channels; c++) {
        out[c] = data[c].toArray();
      }
      return new DecodedAudio(rate, out);
    } catch (FrameGrabber.Exception e) {
      throw new IOException("cannot decode " + file, e);
    }
  }

  /** A growable float array (boxing 10 million samples would be slow). */
  private static final class FloatList {
    private float[] values = new float[1 << 16];
    private int size;

    void add(float v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = v;
    }

    float[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
