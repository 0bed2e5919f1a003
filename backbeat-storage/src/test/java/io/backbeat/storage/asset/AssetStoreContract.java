package io.backbeat.storage.asset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link AssetStore} guarantees, run against each implementation. */
public abstract class AssetStoreContract {
  protected static final String TASK = "0123456789abcdef0123456789abcdef";
  protected static final String OTHER_TASK = "fedcba9876543210fedcba9876543210";

  @TempDir protected Path dir;
  protected AssetStore store;

  protected abstract AssetStore newStore(Path dir) throws IOException;

  @BeforeEach
  void createStore() throws IOException {
    store = newStore(dir.resolve("assets"));
  }

  @Test
  void put_bytes_then_find_and_open_round_trip() throws Exception {
    byte[] content = randomBytes(10_000);

    StoredAsset stored = store.put(TASK + "/clip-1.mp3", content, "audio/mpeg");

    assertThat(stored.key()).isEqualTo(TASK + "/clip-1.mp3");
    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(stored.contentType()).isEqualTo("audio/mpeg");
    assertThat(store.find(TASK + "/clip-1.mp3")).contains(stored);
    assertThat(read(TASK + "/clip-1.mp3", 0)).isEqualTo(content);
  }

  @Test
  void put_from_a_file_stores_its_content() throws Exception {
    byte[] content = randomBytes(70_000);
    Path source = Files.write(dir.resolve("render.wav"), content);

    StoredAsset stored = store.put(TASK + "/song.wav", source, "audio/wav");

    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(read(TASK + "/song.wav", 0)).isEqualTo(content);
  }

  @Test
  void open_at_an_offset_starts_there() throws Exception {
    byte[] content = randomBytes(5_000);
    store.put(TASK + "/clip.mp3", content, "audio/mpeg");

    byte[] tail = read(TASK + "/clip.mp3", 1_234);

    assertThat(tail).hasSize(5_000 - 1_234);
    assertThat(tail[0]).isEqualTo(content[1_234]);
    assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(content, 1_234, 5_000));
  }

  @Test
  void open_at_or_past_the_end_is_empty() throws Exception {
    store.put(TASK + "/clip.mp3", randomBytes(100), "audio/mpeg");

    assertThat(read(TASK + "/clip.mp3", 100)).isEmpty();
    assertThat(read(TASK + "/clip.mp3", 1_000)).isEmpty();
    assertThatThrownBy(() -> store.open(TASK + "/clip.mp3", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_missing_asset_is_absent_and_cannot_be_opened() throws Exception {
    assertThat(store.find(TASK + "/nothing.mp3")).isEmpty();
    assertThatThrownBy(() -> store.open(TASK + "/nothing.mp3", 0)).isInstanceOf(IOException.class);
  }

  @Test
  void put_replaces_an_existing_asset() throws Exception {
    store.put(TASK + "/cover.png", "first version".getBytes(UTF_8), "image/png");

    StoredAsset second = store.put(TASK + "/cover.png", "second".getBytes(UTF_8), "image/png");

    assertThat(new String(read(TASK + "/cover.png", 0), UTF_8)).isEqualTo("second");
    assertThat(store.find(TASK + "/cover.png")).contains(second);
  }

  @Test
  void the_etag_is_derived_from_the_content_only() throws Exception {
    byte[] content = "la la la".getBytes(UTF_8);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

    StoredAsset a = store.put(TASK + "/a.txt", content, null);
    StoredAsset b = store.put(OTHER_TASK + "/b.json", content, "application/json");
    StoredAsset c = store.put(TASK + "/c.txt", "la la lo".getBytes(UTF_8), null);

    assertThat(a.etag()).isEqualTo(sha256.substring(0, 32));
    assertThat(b.etag()).isEqualTo(a.etag());
    assertThat(c.etag()).isNotEqualTo(a.etag());
  }

  @Test
  void the_etag_is_stable_across_finds_and_store_instances() throws Exception {
    StoredAsset stored = store.put(TASK + "/clip.mp3", randomBytes(3_000), "audio/mpeg");

    assertThat(store.find(TASK + "/clip.mp3")).get().extracting(StoredAsset::etag).isEqualTo(stored.etag());
    assertThat(newStore(dir.resolve("assets")).find(TASK + "/clip.mp3")).contains(stored);
  }

  @Test
  void the_content_type_is_kept_or_derived_from_the_file_name() throws Exception {
    store.put(TASK + "/data.bin", new byte[] {1}, "application/x-custom");
    store.put(TASK + "/clip.mp3", new byte[] {1}, null);

    assertThat(store.find(TASK + "/data.bin")).get().extracting(StoredAsset::contentType).isEqualTo("application/x-custom");
    assertThat(store.find(TASK + "/clip.mp3")).get().extracting(StoredAsset::contentType).isEqualTo("audio/mpeg");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "../etc/passwd", "/etc/passwd", TASK + "/../" + OTHER_TASK + "/x.mp3", TASK + "/..", TASK + "/.meta",
        TASK + "/a/b.mp3", TASK + "\\..\\x.mp3", TASK, TASK + "/", "./x.mp3", TASK + "/x..mp3", TASK + "/x y.mp3"
      })
  void keys_outside_the_key_shape_are_refused(String key) {
    assertThatThrownBy(() -> store.put(key, new byte[] {1}, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.find(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.open(key, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delete_task_removes_its_assets_and_nothing_else() throws Exception {
    store.put(TASK + "/clip-1.mp3", randomBytes(10), "audio/mpeg");
    store.put(TASK + "/clip-2.mp3", randomBytes(10), "audio/mpeg");
    store.put(OTHER_TASK + "/clip-1.mp3", randomBytes(10), "audio/mpeg");

    assertThat(store.deleteTask(TASK)).isEqualTo(2);

    assertThat(store.find(TASK + "/clip-1.mp3")).isEmpty();
    assertThat(store.find(TASK + "/clip-2.mp3")).isEmpty();
    assertThat(store.find(OTHER_TASK + "/clip-1.mp3")).isPresent();
    assertThat(store.deleteTask(TASK)).isZero();
    assertThatThrownBy(() -> store.deleteTask("..")).isInstanceOf(IllegalArgumentException.class);
  }

  protected byte[] read(String key, long offset) throws IOException {
    try (InputStream in = store.open(key, offset)) {
      return in.readAllBytes();
    }
  }

  protected static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
