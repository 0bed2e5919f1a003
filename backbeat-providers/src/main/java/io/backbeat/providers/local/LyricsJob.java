package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.engine.lyrics.Lyrics;
import io.backbeat.engine.lyrics.LyricsRequest;
import io.backbeat.engine.lyrics.LyricsWriter;
import java.util.List;

/** LYRICS: two titled, sectioned variants from the prompt. Result: {@code {"lyrics":[{title,text}…]}}. */
public final class LyricsJob implements LocalJob {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final LyricsWriter writer;

  public LyricsJob(LyricsWriter writer) {
    this.writer = writer;
  }

  @Override
  public Step run(Task task, TaskContext context) {
    if (!(task.spec() instanceof LyricsSpec spec)) {
      throw new UnsupportedOperationException("LyricsJob makes lyrics, not " + task.kind());
    }
    List<Lyrics> variants =
        writer.write(LyricsRequest.builder().prompt(spec.prompt()).seed(LocalProvider.seedOf(task)).build());
    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode lyrics = result.putArray("lyrics");
    for (Lyrics variant : variants) {
      lyrics.addObject().put("title", variant.title()).put("text", variant.text());
    }
    return Step.succeed(result);
  }
}
