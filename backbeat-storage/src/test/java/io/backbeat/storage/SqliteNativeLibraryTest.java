package io.backbeat.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** The driver's native library is copied once beside the database and the driver is pointed at it. */
class SqliteNativeLibraryTest {
  @TempDir Path dir;
  private final String path = System.getProperty(SqliteNativeLibrary.PATH_PROPERTY);
  private final String name = System.getProperty(SqliteNativeLibrary.NAME_PROPERTY);

  @AfterEach
  void restoreProperties() {
    restore(SqliteNativeLibrary.PATH_PROPERTY, path);
    restore(SqliteNativeLibrary.NAME_PROPERTY, name);
  }

  @Test
  void the_bundled_library_is_copied_once_and_named_to_the_driver() throws Exception {
    System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);

    Path library = SqliteNativeLibrary.useCopyIn(dir).orElseThrow();

    byte[] bundled;
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
      bundled = in.readAllBytes();
    }
    assertThat(Files.readAllBytes(library)).isEqualTo(bundled);
    assertThat(library.getParent()).startsWith(dir);
    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo(library.getParent().toString());
    assertThat(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY)).isEqualTo(library.getFileName().toString());
    try (var files = Files.list(library.getParent())) {
      assertThat(files).containsExactly(library); // no partial copy left behind
    }

    long written = Files.getLastModifiedTime(library).toMillis();
    Files.setLastModifiedTime(library, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
    assertThat(SqliteNativeLibrary.useCopyIn(dir)).contains(library);
    assertThat(Files.getLastModifiedTime(library).toMillis()).isEqualTo(written - 60_000); // reused, not rewritten
  }

  @Test
  void an_operators_own_library_path_wins() {
    System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");

    Optional<Path> copy = SqliteNativeLibrary.useCopyIn(dir);

    assertThat(copy).isEmpty();
    assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
    assertThat(dir.resolve(".sqlite-native")).doesNotExist();
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
