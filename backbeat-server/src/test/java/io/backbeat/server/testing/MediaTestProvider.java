package io.backbeat.server.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Provider;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.VideoSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A stand-in for the local image and video jobs in dialect tests: real PNGs and a real H.264 MP4
 * (made by ffmpeg) in the canonical result shapes. A prompt containing "slow" stays processing;
 * one containing "fail" fails.
 */
public final class MediaTestProvider implements Provider {
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
  public Step step(Task task, TaskContext context) {
    String prompt = switch (task.spec()) {
      case ImageSpec image -> image.prompt();
      case VideoSpec video -> video.prompt() == null ? "" : video.prompt();
      default -> "";
    };
    if (prompt.contains("slow")) {
      return Step.again(context.clock().instant().plus(Duration.ofHours(1)), "held for the test");
    }
    if (prompt.contains("fail")) {
      return Step.fail(FailureCode.GENERATION_FAILED, "the test provider was asked to fail");
    }
    try {
      return Step.succeed(task.spec() instanceof ImageSpec image ? images(task, image, context) : video(task, (VideoSpec) task.spec(), context));
    } catch (IOException | InterruptedException e) {
      return Step.fail(FailureCode.INTERNAL, "test provider: " + e.getMessage());
    }
  }

  private static ObjectNode images(Task task, ImageSpec spec, TaskContext context) throws IOException {
    ObjectNode result = TestServer.JSON.createObjectNode();
    ArrayNode keys = result.putArray("images");
    for (int i = 0; i < spec.count(); i++) {
      String key = task.id() + "/image-" + i + ".png";
      context.assets().put(key, png(spec.width(), spec.height(), new Color(40 * i % 255, 120, 200)), "image/png");
      keys.add(key);
    }
    return result.put("width", spec.width()).put("height", spec.height());
  }

  private static ObjectNode video(Task task, VideoSpec spec, TaskContext context) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("media-test");
    Path mp4 = dir.resolve("video.mp4");
    Process ffmpeg =
        new ProcessBuilder(
                List.of(
                    "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=" + spec.width() + "x" + spec.height() + ":rate=" + spec.fps(), "-t", Double.toString(spec.durationSeconds()),
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", mp4.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
      ffmpeg.destroyForcibly();
      throw new IOException("ffmpeg failed");
    }
    String videoKey = task.id() + "/video.mp4";
    String coverKey = task.id() + "/cover.png";
    context.assets().put(videoKey, mp4, "video/mp4");
    context.assets().put(coverKey, png(spec.width(), spec.height(), Color.ORANGE), "image/png");
    return TestServer.JSON.createObjectNode()
        .put("video", videoKey)
        .put("duration", spec.durationSeconds())
        .put("width", spec.width())
        .put("height", spec.height())
        .put("fps", spec.fps())
        .put("cover", coverKey);
  }

  private static byte[] png(int width, int height, Color color) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
