package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.Download;
import io.backbeat.core.http.EgressDeniedException;
import io.backbeat.core.http.EgressException;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressLimitException;
import io.backbeat.core.http.EgressStatusException;
import io.backbeat.core.http.EgressTimeoutException;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import io.backbeat.engine.source.AudioTooLongException;
import io.backbeat.engine.source.NotAudioException;
import io.backbeat.engine.source.SourceAudio;
import io.backbeat.engine.source.SourceDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches a task's {@code uploadUrl} through the egress client (every hop checked and pinned by the
 * guard, redirects included) into a file in the task's work folder, streamed and bounded, then
 * decodes it. Each way it can go wrong fails the task with the code clients are told about:
 *
 * <ul>
 *   <li>{@link FailureCode#DOWNLOAD_FAILED} — refused by the egress policy (a redirect to a private
 *       address, say), unreachable, timed out, too many redirects, or a status other than 2xx;
 *   <li>{@link FailureCode#INVALID_INPUT} — served as something that is not audio (a web page), or
 *       not decodable as audio;
 *   <li>{@link FailureCode#INPUT_TOO_LARGE} — more bytes than the model's length limit can need
 *       (checked on {@code Content-Length} before the body, and while it streams), or longer than
 *       the limit (checked on the container's header, then on the decoded samples).
 * </ul>
 */
public final class UploadFetcher {
  /**
   * The most bytes a second of upload may take: 24-bit 48 kHz stereo PCM (288 kB/s), the largest
   * common format; compressed uploads are a tenth of that.
   */
  public static final long BYTES_PER_SECOND = 48_000L * 2 * 3;
  /** Container headers, cover images and tags on top of the audio. */
  public static final long OVERHEAD_BYTES = 2L << 20;
  /** A download may take this long plus one second per 2 MB of its size limit. */
  private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);

  private static final Set<String> AUDIO_CONTAINER_TYPES =
      Set.of(
          "video/mp4", "video/webm", "video/ogg", "video/quicktime", "video/x-matroska", "application/ogg", "application/mp4",
          "application/octet-stream", "binary/octet-stream", "application/x-flac", "application/flac");

  private final EgressHttpClient client;

  public UploadFetcher(EgressHttpClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** The size limit for an upload of at most {@code maxSeconds}. */
  public static long maxBytes(int maxSeconds) {
    return maxSeconds * BYTES_PER_SECOND + OVERHEAD_BYTES;
  }

  /** What was fetched: the file, and its size, declared type and SHA-256. */
  public record Fetched(Path file, Download download) {}

  /** Downloads {@code url} to {@code target}. */
  public Fetched fetch(String url, int maxSeconds, Path target) throws TaskFailedException, IOException {
    long maxBytes = maxBytes(maxSeconds);
    Duration timeout = BASE_TIMEOUT.plusSeconds(maxBytes / (2L << 20));
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Download download;
      try (OutputStream out = Files.newOutputStream(part)) {
        download =
            client.stream(
                client.newRequest("GET", url).field("uploadUrl").timeout(timeout).header("Accept", "audio/*, */*;q=0.5").build(),
                maxBytes,
                (body, type) -> {
                  refuseIfNotAudio(type);
                  body.transferTo(out);
                });
      }
      Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return new Fetched(target, download);
    } catch (NotAudioContent e) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, e.getMessage());
    } catch (EgressLimitException e) {
      int status = e.status().orElse(200);
      if (status >= 300 && status < 400) {
        throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, "uploadUrl could not be downloaded: " + e.getMessage());
      }
      throw new TaskFailedException(
          FailureCode.INPUT_TOO_LARGE,
          "uploadUrl is too large: more than " + maxBytes / 1_000_000 + " MB, the most " + maxSeconds + " seconds of audio can take");
    } catch (EgressDeniedException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, "uploadUrl could not be downloaded: " + e.getMessage());
    } catch (EgressStatusException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, "uploadUrl could not be downloaded: it answered HTTP " + e.statusCode());
    } catch (EgressTimeoutException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, "uploadUrl could not be downloaded within " + timeout.toSeconds() + " s");
    } catch (EgressException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, "uploadUrl could not be downloaded: " + e.getMessage());
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Decodes a fetched upload into {@code wav}, failing the task as documented when it is not usable audio. */
  public static SourceAudio decode(Path file, Path wav, int maxSeconds) throws TaskFailedException, IOException {
    try {
      return SourceDecoder.decode(file, wav, Duration.ofSeconds(maxSeconds));
    } catch (AudioTooLongException e) {
      throw new TaskFailedException(FailureCode.INPUT_TOO_LARGE, "uploadUrl is too long: " + e.getMessage());
    } catch (NotAudioException e) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, "uploadUrl is not usable audio: " + e.getMessage());
    }
  }

  private static void refuseIfNotAudio(Optional<String> contentType) throws NotAudioContent {
    if (contentType.isEmpty()) {
      return; // undeclared: the decoder decides
    }
    String type = contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.isEmpty() || type.startsWith("audio/") || AUDIO_CONTAINER_TYPES.contains(type)) {
      return;
    }
    throw new NotAudioContent("uploadUrl is not audio: it is served as " + type);
  }

  /** The body's declared type rules out audio; thrown before any of it is read. */
  private static final class NotAudioContent extends IOException {
    NotAudioContent(String message) {
      super(message);
    }
  }
}
