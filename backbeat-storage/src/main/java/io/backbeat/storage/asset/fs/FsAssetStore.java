package io.backbeat.storage.asset.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Assets as plain files under one root: key {@code <taskId>/<file>} is {@code <root>/<taskId>/<file>}.
 *
 * <p>Writes go to a temporary file in the target folder and are then renamed over the target, so a
 * reader sees the old file or the new one, never half of one. Each asset has a small sidecar
 * ({@code .<file>.meta}) with its ETag and content type, so {@link #find} does not rehash big files;
 * the sidecar records the size and modification time it describes, and a sidecar that no longer
 * matches its file (replaced out of band) is recomputed. Names that begin with a dot are never valid
 * keys ({@link AssetKeys}), so sidecars and temporary files cannot collide with assets.
 */
public final class FsAssetStore implements AssetStore {
  /** 128 bits of SHA-256: plenty to tell contents apart, short enough for a header. */
  private static final int ETAG_HEX_CHARS = 32;

  private static final String META_SUFFIX = ".meta";

  private final Path root;

  public FsAssetStore(Path root) throws IOException {
    requireNonNull(root, "root is null");
    this.root = Files.createDirectories(root.toAbsolutePath().normalize()).toRealPath();
  }

  public Path root() {
    return root;
  }

  @Override
  public StoredAsset put(String key, Path source, String contentType) throws IOException {
    requireNonNull(source, "source is null");
    Path target = resolve(key);
    try (InputStream in = Files.newInputStream(source)) {
      return write(key, target, in, contentType);
    }
  }

  @Override
  public StoredAsset put(String key, byte[] bytes, String contentType) throws IOException {
    requireNonNull(bytes, "bytes is null");
    Path target = resolve(key);
    return write(key, target, new ByteArrayInputStream(bytes), contentType);
  }

  @Override
  public Optional<StoredAsset> find(String key) throws IOException {
    Path file = resolve(key);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!attributes.isRegularFile()) {
      return Optional.empty();
    }
    Meta meta = readMeta(file);
    long modified = attributes.lastModifiedTime().toMillis();
    if (meta == null || meta.size != attributes.size() || meta.modifiedMillis != modified) {
      // no sidecar, or the file changed behind our back: hash it once more and remember
      String contentType = meta != null ? meta.contentType : AssetKeys.contentTypeOf(file.getFileName().toString());
      meta = new Meta(hash(file), contentType, attributes.size(), modified);
      writeMeta(file, meta);
    }
    return Optional.of(new StoredAsset(key, meta.size, meta.contentType, meta.etag, Instant.ofEpochMilli(modified)));
  }

  /**
   * Opens the asset positioned at {@code offset} (an offset at or past the end gives an empty
   * stream).
   *
   * @throws NoSuchFileException when there is no asset under {@code key}
   */
  @Override
  public InputStream open(String key, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return Channels.newInputStream(channel);
  }

  @Override
  public int deleteTask(String taskId) throws IOException {
    requireNonNull(taskId, "taskId is null");
    if (!AssetKeys.isValid(taskId + "/x")) {
      throw new IllegalArgumentException("invalid task id for assets: " + taskId);
    }
    Path folder = root.resolve(taskId);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        boolean isAsset = !entry.getFileName().toString().startsWith(".");
        if (Files.deleteIfExists(entry) && isAsset) {
          deleted++;
        }
      }
    }
    try {
      Files.deleteIfExists(folder);
    } catch (DirectoryNotEmptyException e) {
      // a concurrent put wrote into the folder meanwhile; its asset stays, which is right
    }
    return deleted;
  }

  /** Maps a key to its file, refusing anything that is not a well-formed key inside the root. */
  private Path resolve(String key) {
    if (!AssetKeys.isValid(key)) {
      throw new IllegalArgumentException("invalid asset key: " + key);
    }
    Path file = root.resolve(key).normalize();
    if (!file.startsWith(root) || file.getNameCount() != root.getNameCount() + 2) {
      throw new IllegalArgumentException("asset key escapes the store: " + key);
    }
    return file;
  }

  private StoredAsset write(String key, Path target, InputStream content, String contentType) throws IOException {
    String type = contentType != null ? contentType : AssetKeys.contentTypeOf(target.getFileName().toString());
    Path folder = Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(folder, ".tmp-", ".part");
    try {
      MessageDigest sha256 = sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
        content.transferTo(out);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true); // the bytes are on disk before the name points at them
      }
      BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class);
      Meta meta = new Meta(etagOf(sha256), type, attributes.size(), attributes.lastModifiedTime().toMillis());
      moveAtomically(temp, target);
      writeMeta(target, meta);
      return new StoredAsset(key, meta.size, meta.contentType, meta.etag, Instant.ofEpochMilli(meta.modifiedMillis));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // same folder, so this only happens on unusual file systems; still replaces in one step there
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path metaPath(Path file) {
    return file.resolveSibling("." + file.getFileName() + META_SUFFIX);
  }

  private static Meta readMeta(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(metaPath(file), UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    try {
      return new Meta(
          requireNonNull(properties.getProperty("etag")),
          requireNonNull(properties.getProperty("contentType")),
          Long.parseLong(properties.getProperty("size")),
          Long.parseLong(properties.getProperty("modifiedMillis")));
    } catch (RuntimeException e) {
      return null; // unreadable sidecar: recompute
    }
  }

  private static void writeMeta(Path file, Meta meta) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("etag", meta.etag);
    properties.setProperty("contentType", meta.contentType);
    properties.setProperty("size", Long.toString(meta.size));
    properties.setProperty("modifiedMillis", Long.toString(meta.modifiedMillis));
    StringWriter text = new StringWriter();
    properties.store(text, null);
    Path temp = Files.createTempFile(file.getParent(), ".tmp-", META_SUFFIX);
    try {
      Files.writeString(temp, text.toString(), UTF_8);
      moveAtomically(temp, metaPath(file));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String hash(Path file) throws IOException {
    MessageDigest sha256 = sha256();
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      in.transferTo(out);
    }
    return etagOf(sha256);
  }

  private static String etagOf(MessageDigest sha256) {
    return HexFormat.of().formatHex(sha256.digest()).substring(0, ETAG_HEX_CHARS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private record Meta(String etag, String contentType, long size, long modifiedMillis) {}

  @Override
  public String toString() {
    return "FsAssetStore[" + root + "]";
  }
}
