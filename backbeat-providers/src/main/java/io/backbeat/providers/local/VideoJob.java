package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.image.ImageStudio;
import io.backbeat.engine.source.AudioTooLongException;
import io.backbeat.engine.source.NotAudioException;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import io.backbeat.engine.video.RenderedVideo;
import io.backbeat.engine.video.VideoRequest;
import io.backbeat.engine.video.VideoStudio;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * VIDEO: an MP4 from the {@link VideoStudio} — text-to-video, or image-to-video from {@code
 * firstFrameUrl} (ending on {@code lastFrameUrl} when given) — at the spec's size (odd sides are
 * rounded down to even, as H.264 needs), fps and duration, with {@code audioUrl} as its AAC
 * soundtrack (cut to the duration, or padded with silence, as DashScope documents for its wan
 * models). Inputs are fetched through the egress guard into the task's work folder first; the
 * render checks for abandonment before every frame. The seed is the spec's or the task id's.
 *
 * <p>Result: {@code {"video":"<taskId>/video.mp4", "duration":s, "width":W, "height":H, "fps":F,
 * "cover":"<taskId>/cover.png"}}, the cover being the first frame.
 */
public final class VideoJob implements LocalJob {
  /** The longest soundtrack decoded; only the video's length of it is used. */
  static final Duration MAX_AUDIO = Duration.ofSeconds(120);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final VideoStudio studio;
  private final MediaFetcher fetcher;
  private final Path workDir;

  public VideoJob(VideoStudio studio, MediaFetcher fetcher, Path workDir) {
    this.studio = requireNonNull(studio, "studio is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    if (!(task.spec() instanceof VideoSpec spec)) {
      throw new UnsupportedOperationException("VideoJob makes videos, not " + task.spec().kind());
    }
    Path dir = workDir.resolve(task.id());
    try {
      Files.createDirectories(dir);
      BufferedImage first = spec.firstFrameUrl() == null ? null : image("firstFrameUrl", spec.firstFrameUrl(), dir);
      BufferedImage last = spec.lastFrameUrl() == null ? null : image("lastFrameUrl", spec.lastFrameUrl(), dir);
      List<BufferedImage> references = new ArrayList<>();
      for (int i = 0; i < Math.min(spec.referenceImageUrls().size(), ImageJob.MAX_REFERENCES); i++) {
        references.add(image("referenceImageUrls[" + i + "]", spec.referenceImageUrls().get(i), dir));
      }
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
      int width = Math.max(2, spec.width() & ~1);
      int height = Math.max(2, spec.height() & ~1);
      float[][] audio = spec.audioUrl() == null ? null : soundtrack(spec.audioUrl(), spec.durationSeconds(), dir);
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
      long seed = spec.seed() != null ? spec.seed() : LocalProvider.seedOf(task);
      VideoRequest request;
      try {
        request = new VideoRequest(spec.prompt(), spec.negativePrompt(), width, height, spec.fps(), spec.durationSeconds(), seed,
            spec.watermark(), first, last, references, audio, SourceAudio.SAMPLE_RATE);
      } catch (IllegalArgumentException e) {
        return Step.fail(FailureCode.INVALID_INPUT, e.getMessage());
      }
      RenderedVideo video;
      try {
        video = studio.render(request, dir.resolve("video.mp4"), context::isAbandoned, null);
      } catch (VideoStudio.AbandonedException e) {
        return Step.abandoned();
      }
      String videoKey = AssetKeys.of(task.id(), "video.mp4");
      context.assets().put(videoKey, video.file(), AssetKeys.contentTypeOf(videoKey));
      String coverKey = AssetKeys.of(task.id(), "cover.png");
      context.assets().put(coverKey, ImageStudio.encode(video.poster(), "png"), AssetKeys.contentTypeOf(coverKey));
      ObjectNode result = MAPPER.createObjectNode();
      result.put("video", videoKey);
      result.put("duration", Math.round(video.durationSeconds() * 1000) / 1000.0);
      result.put("width", video.width());
      result.put("height", video.height());
      result.put("fps", video.fps());
      result.put("cover", coverKey);
      return Step.succeed(result);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      ImageJob.deleteRecursively(dir);
    }
  }

  private BufferedImage image(String field, String url, Path dir) throws TaskFailedException, IOException {
    Path file = fetcher.fetch(field, url, MediaFetcher.Kind.IMAGE, dir.resolve(field.replaceAll("[^A-Za-z0-9]", "-")));
    return ImageDecoder.decode(field, file);
  }

  /** The soundtrack's first {@code seconds} (or all of it, when shorter), 44.1 kHz stereo. */
  private float[][] soundtrack(String url, double seconds, Path dir) throws TaskFailedException, IOException {
    Path file = fetcher.fetch("audioUrl", url, MediaFetcher.Kind.AUDIO, dir.resolve("audio"));
    SourceAudio decoded;
    try {
      decoded = SourceDecoder.decode(file, dir.resolve("audio.wav"), MAX_AUDIO);
    } catch (AudioTooLongException e) {
      throw new TaskFailedException(FailureCode.INPUT_TOO_LARGE, "audioUrl is too long: " + e.getMessage());
    } catch (NotAudioException e) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "audioUrl is not usable audio: " + e.getMessage());
    }
    try (WavReader reader = new WavReader(decoded.wav())) {
      int frames = (int) Math.min(reader.frames(), Math.ceil(seconds * reader.sampleRate()));
      float[][] out = new float[reader.channels()][frames];
      int done = 0;
      while (done < frames) {
        int n = reader.read(out, done, frames - done);
        if (n <= 0) {
          break;
        }
        done += n;
      }
      return out;
    }
  }
}
