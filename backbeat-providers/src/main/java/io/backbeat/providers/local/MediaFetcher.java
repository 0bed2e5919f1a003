package io.backbeat.providers.local;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.http.EgressDeniedException;
import io.backbeat.core.http.EgressException;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressLimitException;
import io.backbeat.core.http.EgressStatusException;
import io.backbeat.core.http.EgressTimeoutException;
import io.backbeat.core.provider.TaskFailedException;
import io.backbeat.core.task.FailureCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fetches an input of a media task (a reference image, a first or last frame, a soundtrack) into a
 * file: over HTTP(S) through the egress client (every hop checked by the guard, streamed, bounded,
 * its declared type checked before the body is read), or from a {@code data:} URL or bare base64,
 * which DashScope and Kling clients may send instead of a link. Failures fail the task with the code clients see:
 * {@link FailureCode#DOWNLOAD_FAILED} when it cannot be fetched, {@link FailureCode#INVALID_INPUT}
 * when it is served as the wrong kind of thing, {@link FailureCode#INPUT_TOO_LARGE} over the limit.
 * Messages name the request field, never the URL's query (it may hold a signature).
 */
public final class MediaFetcher {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** What a field may be: its accepted declared types and the most bytes it may take. */
  public record Kind(String what, Predicate<String> acceptsType, long maxBytes, String accept) {
    public static final Kind IMAGE = new Kind("an image", t -> t.startsWith("image/") || octets(t), 20L << 20, "image/*");
    public static final Kind AUDIO = new Kind("audio",
        t -> t.startsWith("audio/") || t.startsWith("video/") || t.equals("application/ogg") || t.equals("application/mp4") || octets(t),
        UploadFetcher.maxBytes(120), "audio/*, */*;q=0.5");

    private static boolean octets(String t) {
      return t.equals("application/octet-stream") || t.equals("binary/octet-stream");
    }
  }

  private final EgressHttpClient client;

  public MediaFetcher(EgressHttpClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** Fetches {@code url} (named {@code field} in the request) to {@code target}. */
  public Path fetch(String field, String url, Kind kind, Path target) throws TaskFailedException, IOException {
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      return dataUrl(field, url, kind, target);
    }
    if (rawBase64(url)) {
      return dataUrl(field, "data:;base64," + url, kind, target); // Kling's image fields take bare base64
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      try (OutputStream out = Files.newOutputStream(part)) {
        client.stream(
            client.newRequest("GET", url).field(field).timeout(TIMEOUT).header("Accept", kind.accept()).build(),
            kind.maxBytes(),
            (body, type) -> {
              refuseWrongType(field, kind, type);
              body.transferTo(out);
            });
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (WrongType e) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, e.getMessage());
    } catch (EgressLimitException e) {
      int status = e.status().orElse(200);
      if (status >= 300 && status < 400) {
        throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, field + " could not be downloaded: " + e.getMessage());
      }
      throw new TaskFailedException(FailureCode.INPUT_TOO_LARGE, field + " is too large: more than " + kind.maxBytes() / 1_000_000 + " MB");
    } catch (EgressDeniedException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, field + " could not be downloaded: " + e.getMessage());
    } catch (EgressStatusException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, field + " could not be downloaded: it answered HTTP " + e.statusCode());
    } catch (EgressTimeoutException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, field + " could not be downloaded within " + TIMEOUT.toSeconds() + " s");
    } catch (EgressException e) {
      throw new TaskFailedException(FailureCode.DOWNLOAD_FAILED, field + " could not be downloaded: " + e.getMessage());
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Not a URL but bare base64 (no scheme, only base64 characters, long enough to be a file). */
  static boolean rawBase64(String value) {
    if (value.length() < 64 || value.contains("://")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Path dataUrl(String field, String url, Kind kind, Path target) throws TaskFailedException, IOException {
    int comma = url.indexOf(',');
    if (comma < 0) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is a data URL without data");
    }
    String header = url.substring(5, comma).toLowerCase(Locale.ROOT);
    String type = header.split(";", 2)[0].strip();
    if (!type.isEmpty() && !kind.acceptsType().test(type)) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is not " + kind.what() + ": it is " + type);
    }
    // base64 is 4 characters per 3 bytes: refuse before decoding what could not fit
    if ((url.length() - comma) / 4 * 3 > kind.maxBytes()) {
      throw new TaskFailedException(FailureCode.INPUT_TOO_LARGE, field + " is too large: more than " + kind.maxBytes() / 1_000_000 + " MB");
    }
    byte[] bytes;
    try {
      String data = url.substring(comma + 1);
      bytes = header.endsWith(";base64")
          ? Base64.getMimeDecoder().decode(data)
          : java.net.URLDecoder.decode(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      throw new TaskFailedException(FailureCode.INVALID_INPUT, field + " is a data URL whose data does not decode");
    }
    Files.write(target, bytes);
    return target;
  }

  private static void refuseWrongType(String field, Kind kind, Optional<String> contentType) throws WrongType {
    if (contentType.isEmpty()) {
      return; // undeclared: the decoder decides
    }
    String type = contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.isEmpty() || kind.acceptsType().test(type)) {
      return;
    }
    throw new WrongType(field + " is not " + kind.what() + ": it is served as " + type);
  }

  /** The body's declared type rules it out; thrown before any of it is read. */
  private static final class WrongType extends IOException {
    WrongType(String message) {
      super(message);
    }
  }
}
