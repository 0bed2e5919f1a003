package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.MusicVideoSpec;
import io.backbeat.engine.WordTiming;
import io.backbeat.engine.art.CoverArtist;
import io.backbeat.engine.compose.StyleParser;
import io.backbeat.engine.compose.StyleProfile;
import io.backbeat.engine.encode.Mp4Writer;
import io.backbeat.engine.musicvideo.MusicVideo;
import io.backbeat.engine.source.SourceDecoder;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * MP4: a music video of one clip ({@link MusicVideo}): its cover art, title and the request's
 * author, a waveform of its audio, its lyric lines in time from the clip's word timings, and the
 * watermark. Result: {@code {"video":key,"duration":seconds,"width":1280,"height":720,"fps":24}}.
 */
public final class MusicVideoJob extends OutputJob {
  public MusicVideoJob(SourceTasks sources, Path workDir) {
    super(sources, workDir);
  }

  @Override
  Step make(Task task, TaskContext context, Path dir) throws Exception {
    if (!(task.spec() instanceof MusicVideoSpec spec)) {
      throw new UnsupportedOperationException("MusicVideoJob makes music videos, not " + task.kind());
    }
    SourceClip clip = SourceClip.resolve(sources, task, spec.source());
    Path mp3 = SourceClip.copy(context.assets(), clip.audioKey(), dir.resolve("audio.mp3"));
    Path wav = dir.resolve("audio.wav");
    SourceDecoder.decode(mp3, wav, Duration.ofSeconds(Math.round(clip.durationSeconds()) + 60));
    MusicVideo.Request request =
        new MusicVideo.Request(wav, cover(context, clip, task), clip.title(), spec.author(), spec.watermark(), words(context, clip));
    Mp4Writer.Written written = MusicVideo.render(request, dir.resolve("video.mp4"));
    if (context.isAbandoned()) {
      return Step.abandoned();
    }
    ObjectNode result = MAPPER.createObjectNode();
    result.put("video", put(context.assets(), task, clip.id() + ".mp4", written.file()));
    result.put("duration", Math.round(written.durationSeconds() * 1000) / 1000.0);
    result.put("width", MusicVideo.WIDTH).put("height", MusicVideo.HEIGHT).put("fps", MusicVideo.FPS);
    return Step.succeed(result);
  }

  /** The clip's cover art; one painted from its title and style if it has none. */
  private static BufferedImage cover(TaskContext context, SourceClip clip, Task task) throws Exception {
    if (clip.imageKey().isPresent()) {
      try (InputStream in = context.assets().open(clip.imageKey().get(), 0)) {
        BufferedImage image = ImageIO.read(in);
        if (image != null) {
          return image;
        }
      }
    }
    StyleProfile style = StyleParser.parse(clip.tags(), "", null, null, null, LocalProvider.seedOf(task));
    return new CoverArtist().paint(new CoverArtist.Cover(clip.title(), clip.tags(), style.genre(), style.mood(), LocalProvider.seedOf(task)));
  }

  /** The clip's word timings, or none (an instrumental). */
  private static List<WordTiming> words(TaskContext context, SourceClip clip) throws Exception {
    List<WordTiming> words = new ArrayList<>();
    if (clip.wordsKey().isEmpty()) {
      return words;
    }
    JsonNode json;
    try (InputStream in = context.assets().open(clip.wordsKey().get(), 0)) {
      json = MAPPER.readTree(in);
    }
    for (JsonNode word : json) {
      words.add(new WordTiming(word.path("word").asText(), word.path("startS").asDouble(), word.path("endS").asDouble()));
    }
    return words;
  }
}
