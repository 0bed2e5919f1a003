package io.backbeat.examples;

import io.backbeat.client.BackbeatClient;
import io.backbeat.client.suno.SunoSong;
import io.backbeat.client.tasks.TaskView;
import java.net.URI;

/**
 * Creates a song on the Suno-compatible route and waits for it on the live event stream.
 *
 * <pre>BACKBEAT_URL=http://localhost:8080 BACKBEAT_API_KEY=bb_dev_… ./backbeat example CreateSongAndWait "a song about the sea"</pre>
 */
public final class CreateSongAndWait {
  private CreateSongAndWait() {}

  public static void main(String[] args) {
    BackbeatClient backbeat = BackbeatClient.builder(URI.create(Env.url()), Env.apiKey()).build();
    String idea = args.length > 0 ? String.join(" ", args) : "a hopeful pop song about the sea at dawn";

    String taskId = backbeat.suno().generate(SunoSong.simple(idea, "V5", "https://example.com/callback"));
    System.out.println("created " + taskId + "; waiting…");

    TaskView done = backbeat.tasks().waitFor(taskId);
    if (!done.succeeded()) {
      System.out.println("task " + done.status() + ": " + done.errorCode() + " " + done.errorMessage());
      System.exit(1);
    }
    done.result().path("clips").forEach(clip -> System.out.println(clip.path("title").asText() + "  " + clip.path("audioUrl").asText()));
  }
}
