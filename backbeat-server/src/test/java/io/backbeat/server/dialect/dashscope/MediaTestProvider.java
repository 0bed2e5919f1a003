package io.backbeat.server.dialect.dashscope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.server.testing.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A stand-in for the local image and video studio in the dialect's tests: real PNGs of the spec's
 * size and real H.264 MP4s (ffmpeg) of its size, fps and duration, in the canonical result shapes
 * ({@code {"images","width","height"}}, {@code {"video","duration","width","height","fps","cover"}}).
 * A prompt containing "refuse" fails the task with INVALID_INPUT; "forever" parks it RUNNING.
 */
final class MediaTestProvider implements Provider {
  @Override
  public String name() {
    return "media-test";
  }

  @Override
  public Set<TaskKind> kinds() {
    return Set.of(TaskKind.IMAGE, TaskKind.VIDEO);
  }

  @Override
  public int defaultSlots() {
    return 4;
  }

  @Override
  public Step step(Task task, TaskContext context) throws Exception {
    String prompt = switch (task.spec()) {
      case ImageSpec image -> image.prompt();
      case VideoSpec video -> video.prompt() == null ? "" : video.prompt();
      default -> throw new IllegalStateException("not a media task: " + task.kind());
    };
    if (prompt.contains("refuse")) {
      return Step.fail(FailureCode.INVALID_INPUT, "the test studio refuses this prompt");
    }
    if (prompt.contains("forever")) {
      return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "waiting on nothing");
    }
    return switch (task.spec()) {
      case ImageSpec image -> Step.succeed(images(task, image, context));
      case VideoSpec video -> Step.succeed(video(task, video, context));
      default -> throw new IllegalStateException();
    };
  }

  private static ObjectNode images(Task task, ImageSpec spec, TaskContext context) throws IOException {
    ObjectNode result = TestServer.JSON.createObjectNode();
    var keys = result.putArray("images");
    for (int i = 0; i < spec.count(); i++) {
      String key = task.id() + "/image-" + i + ".png";
      context.assets().put(key, png(spec.width(), spec.height(), spec.prompt().hashCode() + i), "image/png");
      keys.add(key);
    }
    return result.put("width", spec.width()).put("height", spec.height());
  }

  private static ObjectNode video(Task task, VideoSpec spec, TaskContext context) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("media-test");
    Path mp4 = dir.resolve("video.mp4");
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        String.format(Locale.ROOT, "testsrc2=size=%dx%d:rate=%d:duration=%s", spec.width(), spec.height(), spec.fps(), spec.durationSeconds())));
    if (spec.audioUrl() != null) {
      command.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + spec.durationSeconds(), "-c:a", "aac"));
    }
    command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", mp4.toString()));
    Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(ffmpeg.getInputStream().readAllBytes());
    if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      throw new IOException("ffmpeg failed: " + log);
    }
    String videoKey = task.id() + "/video.mp4";
    String coverKey = task.id() + "/cover.png";
    context.assets().put(videoKey, mp4, "video/mp4");
    context.assets().put(coverKey, png(spec.width(), spec.height(), 7), "image/png");
    return TestServer.JSON.createObjectNode()
        .put("video", videoKey).put("duration", spec.durationSeconds()).put("width", spec.width()).put("height", spec.height())
        .put("fps", spec.fps()).put("cover", coverKey);
  }

  static byte[] png(int width, int height, long seed) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Random random = new Random(seed);
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
