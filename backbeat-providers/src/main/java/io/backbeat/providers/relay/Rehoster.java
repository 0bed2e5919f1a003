package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.http.Download;
import io.backbeat.core.http.EgressException;
import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressRequest;
import io.backbeat.core.http.EgressStatusException;
import io.backbeat.core.http.Redaction;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a draft's upstream files into our asset store before the task may succeed: each through the
 * egress guard (resolved once, pinned, size-bounded, no upstream credential on a CDN), checksummed
 * on the way, stored under a deterministic key ({@code <task id>/<base name>.<ext>}) with the content
 * type the upstream declared (or that the file name implies). The draft's asset fields then hold our
 * keys, and {@code sources} keeps, per key, the upstream URL without its query (provenance; signed
 * URLs carry their token there), the SHA-256, size and content type. Upstream links die (signed URLs
 * after hours, stored files after days); ours live as long as our retention says.
 */
public final class Rehoster {
  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("audio/mpeg", "mp3"),
          Map.entry("audio/mp3", "mp3"),
          Map.entry("audio/wav", "wav"),
          Map.entry("audio/x-wav", "wav"),
          Map.entry("audio/wave", "wav"),
          Map.entry("video/mp4", "mp4"),
          Map.entry("image/jpeg", "jpg"),
          Map.entry("image/png", "png"),
          Map.entry("image/webp", "webp"),
          Map.entry("application/json", "json"));

  private final EgressHttpClient downloads;
  private final Path workDir;

  /**
   * @param downloads a client without a channel or credentials (asset hosts are not the API)
   * @param workDir where partial downloads live until they are stored
   */
  public Rehoster(EgressHttpClient downloads, Path workDir) {
    this.downloads = requireNonNull(downloads, "downloads is null");
    this.workDir = requireNonNull(workDir, "workDir is null");
  }

  /** Why a file could not be copied; {@code gone} when the upstream no longer serves it at that URL. */
  public static final class RehostException extends Exception {
    private final boolean gone;

    RehostException(String message, boolean gone) {
      super(message);
      this.gone = gone;
    }

    public boolean gone() {
      return gone;
    }
  }

  /**
   * Stores every file of {@code draft} for {@code taskId} and puts the keys into its result.
   *
   * @throws RehostException when a file could not be fetched or stored; nothing is half-placed
   *     (keys are set only after all files are stored), and a retry overwrites the same keys
   */
  public ObjectNode rehost(String taskId, Draft draft, AssetStore assets, long maxBytes, Duration timeout) throws RehostException {
    ObjectNode result = draft.result();
    ObjectNode sources = result.has("sources") && result.get("sources").isObject() ? (ObjectNode) result.get("sources") : result.putObject("sources");
    record Stored(PendingAsset asset, String key) {}
    java.util.List<Stored> stored = new java.util.ArrayList<>();
    for (PendingAsset asset : draft.assets()) {
      Path dir;
      try {
        dir = Files.createDirectories(workDir.resolve(taskId));
      } catch (IOException e) {
        throw new RehostException("cannot create the download folder: " + e.getMessage(), false);
      }
      Path part = dir.resolve(asset.baseName() + ".download");
      try {
        EgressRequest request = EgressRequest.builder("GET", asset.url()).field("upstream output").timeout(timeout).build();
        Download download = downloads.download(request, part, maxBytes);
        String declared = download.contentType().map(Rehoster::mediaType).orElse("");
        String extension = extensionOf(declared).or(() -> extensionOfUrl(asset.url())).orElse(asset.defaultExtension());
        String file = asset.baseName() + "." + extension;
        String key = AssetKeys.of(taskId, file);
        String implied = AssetKeys.contentTypeOf(file);
        String contentType = !declared.isEmpty() && !declared.equals("application/octet-stream") ? declared : implied;
        assets.put(key, part, contentType);
        ObjectNode source = sources.putObject(key);
        source.put("url", Redaction.url(asset.url()));
        source.put("sha256", download.sha256());
        source.put("bytes", download.bytes());
        source.put("contentType", contentType);
        stored.add(new Stored(asset, key));
      } catch (EgressStatusException e) {
        int status = e.statusCode();
        throw new RehostException(
            "the upstream output " + Redaction.url(asset.url()) + " answered HTTP " + status, status == 403 || status == 404 || status == 410);
      } catch (EgressException e) {
        throw new RehostException("the upstream output " + Redaction.url(asset.url()) + " could not be fetched: " + UpstreamCalls.brief(e.getMessage()), false);
      } catch (IOException e) {
        throw new RehostException("the upstream output could not be stored: " + e.getMessage(), false);
      } finally {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // a leftover partial file is overwritten by the next try
        }
      }
    }
    for (Stored s : stored) {
      s.asset().place().accept(s.key());
    }
    try {
      Files.deleteIfExists(workDir.resolve(taskId));
    } catch (IOException ignored) {
      // not empty (another step of this task): left for the next one
    }
    return result;
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
  }

  private static Optional<String> extensionOf(String mediaType) {
    return Optional.ofNullable(EXTENSIONS.get(mediaType));
  }

  private static Optional<String> extensionOfUrl(String url) {
    try {
      String path = URI.create(url).getPath();
      if (path == null) {
        return Optional.empty();
      }
      int dot = path.lastIndexOf('.');
      int slash = path.lastIndexOf('/');
      if (dot > slash && dot < path.length() - 1) {
        String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (ext.matches("[a-z0-9]{1,5}")) {
          return Optional.of(ext.equals("jpeg") ? "jpg" : ext);
        }
      }
    } catch (IllegalArgumentException e) {
      // not a URI we can read: fall back to the default
    }
    return Optional.empty();
  }
}
