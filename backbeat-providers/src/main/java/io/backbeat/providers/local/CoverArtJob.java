package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.CoverArtSpec;
import io.backbeat.engine.art.CoverArtist;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * COVER_ART: two square PNG covers of a finished music task in two styles — the motif of the song's
 * genre, and another motif with its own palette draw — both with its title and style line
 * ({@link CoverArtist}). Result: {@code {"images":[key,key],"width":1024,"height":1024,"styles":[…]}}.
 */
public final class CoverArtJob extends OutputJob {
  private final CoverArtist artist = new CoverArtist();

  public CoverArtJob(SourceTasks sources, Path workDir) {
    super(sources, workDir);
  }

  @Override
  Step make(Task task, TaskContext context, Path dir) throws Exception {
    if (!(task.spec() instanceof CoverArtSpec spec)) {
      throw new UnsupportedOperationException("CoverArtJob makes cover art, not " + task.kind());
    }
    Task source = SourceClip.finishedSource(sources, task, spec.sourceTaskId());
    String title = source.result().path("title").asText("");
    String tags = source.result().path("tags").asText("");
    if (title.isBlank() || tags.isBlank()) {
      var clip = source.result().path("clips").path(0);
      title = title.isBlank() ? clip.path("title").asText("Untitled") : title;
      tags = tags.isBlank() ? clip.path("tags").asText("") : tags;
    }
    long seed = LocalProvider.seedOf(task);
    StyleProfile style = StyleParser.parse(tags, source.result().path("lyrics").asText(""), null, null, null, seed);
    CoverArtist.Motif own = CoverArtist.motifOf(style.genre());
    CoverArtist.Motif other = CoverArtist.Motif.values()[(own.ordinal() + 2) % CoverArtist.Motif.values().length];
    CoverArtist.Motif[] motifs = {own, other};

    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode images = result.putArray("images");
    ArrayNode styles = result.putArray("styles");
    for (int i = 0; i < motifs.length; i++) {
      BufferedImage image = artist.paint(new CoverArtist.Cover(title, tags, style.genre(), style.mood(), seed + i * 0x9E3779B97F4A7C15L), motifs[i]);
      Path png = dir.resolve("cover-" + (i + 1) + ".png");
      if (!ImageIO.write(image, "png", png.toFile())) {
        throw new IllegalStateException("no PNG writer");
      }
      images.add(put(context.assets(), task, "cover-" + (i + 1) + ".png", png));
      styles.add(motifs[i].name().toLowerCase(java.util.Locale.ROOT));
    }
    result.put("width", CoverArtist.SIZE).put("height", CoverArtist.SIZE);
    return Step.succeed(result);
  }
}
