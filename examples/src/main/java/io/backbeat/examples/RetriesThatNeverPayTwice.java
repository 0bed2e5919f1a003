package io.backbeat.examples;

import io.backbeat.client.BackbeatClient;
import io.backbeat.client.http.RetryPolicy;
import io.backbeat.client.suno.SunoSong;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Retries that never create (or bill) a task twice, even across restarts of this program: the
 * idempotency key of the job is kept in a file before the first attempt, and every attempt — the
 * SDK's own retries on lost connections, 429 and 502–504, and a rerun of this program after a crash —
 * sends the same key, so the server answers with the task the first attempt created. When Backbeat
 * relays to an upstream provider, it submits upstream once per task, so the upstream never sees a
 * duplicate either.
 *
 * <pre>BACKBEAT_URL=… BACKBEAT_API_KEY=… ./backbeat example RetriesThatNeverPayTwice job-42</pre>
 */
public final class RetriesThatNeverPayTwice {
  private RetriesThatNeverPayTwice() {}

  public static void main(String[] args) throws IOException {
    String job = args.length > 0 ? args[0] : "job-1";
    Path keyFile = Path.of(job + ".idempotency-key");
    if (!Files.exists(keyFile)) {
      Files.writeString(keyFile, UUID.randomUUID().toString());
    }
    String key = Files.readString(keyFile).strip();

    BackbeatClient backbeat =
        BackbeatClient.builder(URI.create(Env.url()), Env.apiKey()).retries(new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20))).build();
    SunoSong song = SunoSong.custom("Night Drive", "synthwave, 100 bpm", "[Verse]\nCity lights are calling\n[Chorus]\nDrive into the night", "V5", "https://example.com/callback");

    String first = backbeat.suno().generate(song, key);
    String again = backbeat.suno().generate(song, key);
    System.out.println("task " + first + (first.equals(again) ? " (the same task when sent again)" : " and a different one: " + again));
    System.out.println(backbeat.tasks().waitFor(first).status());
  }
}
