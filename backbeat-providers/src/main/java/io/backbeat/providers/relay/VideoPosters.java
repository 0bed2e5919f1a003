package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.engine.encode.FirstFrame;
import io.backbeat.engine.image.ImageStudio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a relayed video the poster a local one has ({@code cover}, {@code <task id>/cover.png}, the
 * first frame). An upstream's own poster, rehosted as {@code cover} by its client, is kept; otherwise
 * the first frame of our stored copy is decoded with FFmpeg. A poster is a courtesy: a video that
 * cannot be decoded keeps no {@code cover} and still succeeds (its MP4 is what was paid for).
 */
public final class VideoPosters {
  private static final Logger LOG = LoggerFactory.getLogger(VideoPosters.class);
  static final String FILE = "cover.png";

  private final Path workDir;

  /** @param workDir where the stored video is copied to be decoded (removed right after) */
  public VideoPosters(Path workDir) {
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  /** Puts {@code cover} into a VIDEO result that has a {@code video} key and no {@code cover}; true if it did. */
  public boolean addTo(String taskId, ObjectNode result, AssetStore assets) {
    if (result.hasNonNull("cover") || !result.hasNonNull("video")) {
      return false;
    }
    Path copy = null;
    try {
      Files.createDirectories(workDir);
      copy = Files.createTempFile(workDir, "poster-", ".video");
      try (InputStream in = assets.open(result.path("video").asText(), 0)) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      byte[] png = ImageStudio.encode(FirstFrame.of(copy), "png");
      String key = AssetKeys.of(taskId, FILE);
      assets.put(key, png, AssetKeys.contentTypeOf(FILE));
      result.put("cover", key);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.info("Task {}: no poster for the relayed video ({})", taskId, e.getMessage());
      return false;
    } finally {
      if (copy != null) {
        try {
          Files.deleteIfExists(copy);
        } catch (IOException ignored) {
          // a leftover temp file in the work folder is harmless
        }
      }
    }
  }
}
