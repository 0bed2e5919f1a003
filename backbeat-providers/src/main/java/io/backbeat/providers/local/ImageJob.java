package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.engine.image.ImageRequest;
import io.backbeat.engine.image.ImageStudio;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * IMAGE: {@code count} pictures of the prompt from the {@link ImageStudio}, exactly the requested
 * size, PNG or JPEG. Reference images are fetched first (through the egress guard, into the task's
 * work folder) and decoded with their size checked. Image {@code i} is painted with seed {@code
 * seed + i}, the seed being the spec's or, without one, the task id's, so a re-run gives the same
 * bytes under the same keys.
 *
 * <p>Result: {@code {"images":["<taskId>/image-0.png", …], "width":W, "height":H}}.
 */
public final class ImageJob implements LocalJob {
  /** At most this many reference images are used; more are ignored. */
  static final int MAX_REFERENCES = 4;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ImageStudio studio;
  private final MediaFetcher fetcher;
  private final Path workDir;

  public ImageJob(ImageStudio studio, MediaFetcher fetcher, Path workDir) {
    this.studio = requireNonNull(studio, "studio is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  @Override
  public Step run(Task task, TaskContext context) throws Exception {
    if (!(task.spec() instanceof ImageSpec spec)) {
      throw new UnsupportedOperationException("ImageJob makes images, not " + task.spec().kind());
    }
    Path dir = workDir.resolve(task.id());
    try {
      Files.createDirectories(dir);
      List<BufferedImage> references = references(spec.referenceImageUrls(), dir);
      if (context.isAbandoned()) {
        return Step.abandoned();
      }
      long seed = spec.seed() != null ? spec.seed() : LocalProvider.seedOf(task);
      ObjectNode result = MAPPER.createObjectNode();
      ArrayNode images = result.putArray("images");
      for (int i = 0; i < spec.count(); i++) {
        ImageRequest request;
        try {
          request = new ImageRequest(spec.prompt(), spec.negativePrompt(), spec.width(), spec.height(), seed + i,
              spec.watermark(), references, spec.format());
        } catch (IllegalArgumentException e) {
          return Step.fail(FailureCode.INVALID_INPUT, e.getMessage());
        }
        byte[] bytes = studio.render(request);
        String key = AssetKeys.of(task.id(), "image-" + i + "." + request.extension());
        context.assets().put(key, bytes, AssetKeys.contentTypeOf(key));
        images.add(key);
        if (context.isAbandoned()) {
          return Step.abandoned();
        }
      }
      result.put("width", spec.width());
      result.put("height", spec.height());
      return Step.succeed(result);
    } catch (TaskFailedException e) {
      return Step.fail(e.code(), e.getMessage());
    } finally {
      deleteRecursively(dir);
    }
  }

  private List<BufferedImage> references(List<String> urls, Path dir) throws TaskFailedException, IOException {
    List<BufferedImage> out = new ArrayList<>();
    for (int i = 0; i < Math.min(urls.size(), MAX_REFERENCES); i++) {
      String field = "referenceImageUrls[" + i + "]";
      Path file = fetcher.fetch(field, urls.get(i), MediaFetcher.Kind.IMAGE, dir.resolve("reference-" + i));
      out.add(ImageDecoder.decode(field, file));
    }
    return out;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
