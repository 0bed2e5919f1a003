package io.backbeat.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc extracts its native library from its jar at every JVM start: a new 1.1 MB file in the
 * temp folder under a random name, read back and compared with the jar's copy, about a tenth of the
 * server's start on its critical thread. This keeps one copy per driver version and platform in the
 * database's folder, extracted once, and points the driver at it ({@code org.sqlite.lib.path}, which
 * it tries first). An operator's own {@code org.sqlite.lib.path} wins; if the copy cannot be made or
 * loaded, the driver falls back to its own extraction.
 */
final class SqliteNativeLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /** Before the driver's first connection in this JVM: use (making it if needed) the copy under {@code folder}. */
  static synchronized Optional<Path> useCopyIn(Path folder) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return Optional.empty();
    }
    String resourceFolder = LibraryLoaderUtil.getNativeLibResourcePath(); // e.g. /org/sqlite/native/Linux/x86_64
    String name = LibraryLoaderUtil.getNativeLibName();
    String platform = resourceFolder.substring(resourceFolder.lastIndexOf("/native/") + "/native/".length()).replace('/', '-');
    Path dir = folder.resolve(".sqlite-native").resolve(SQLiteJDBCLoader.getVersion() + "-" + platform);
    Path library = dir.resolve(name);
    try {
      if (!Files.isRegularFile(library)) {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resourceFolder + "/" + name)) {
          if (in == null) {
            return Optional.empty(); // no bundled library for this platform: the driver reports it
          }
          Files.createDirectories(dir);
          Path partial = Files.createTempFile(dir, name, ".part");
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
          // a concurrent start (a 'keys' command beside 'serve') makes the same bytes; either copy wins whole
          Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("SQLite: no copy of the native library in {} ({}); the driver extracts its own", dir, e.toString());
      return Optional.empty();
    }
    System.setProperty(PATH_PROPERTY, dir.toString());
    System.setProperty(NAME_PROPERTY, name);
    return Optional.of(library);
  }
}
