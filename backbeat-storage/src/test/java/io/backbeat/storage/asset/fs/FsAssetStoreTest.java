package io.backbeat.storage.asset.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import io.backbeat.storage.asset.AssetStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FsAssetStoreTest extends AssetStoreContract {

  @Override
  protected AssetStore newStore(Path dir) throws IOException {
    return new FsAssetStore(dir);
  }

  Path root() {
    return ((FsAssetStore) store).root();
  }

  @Test
  void an_asset_is_a_plain_file_at_its_key_under_the_root() throws Exception {
    store.put(TASK + "/clip.mp3", "abc".getBytes(UTF_8), "audio/mpeg");

    assertThat(root().resolve(TASK).resolve("clip.mp3")).hasContent("abc");
  }

  @Test
  void writes_leave_no_temporary_files_behind() throws Exception {
    store.put(TASK + "/a.mp3", randomBytes(100), "audio/mpeg");
    store.put(TASK + "/a.mp3", randomBytes(200), "audio/mpeg");
    store.put(TASK + "/b.mp3", randomBytes(300), "audio/mpeg");

    try (Stream<Path> files = Files.list(root().resolve(TASK))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).containsExactly(".a.mp3.meta", ".b.mp3.meta", "a.mp3", "b.mp3");
    }
  }

  @Test
  void find_reads_the_etag_from_the_sidecar_without_rehashing() throws Exception {
    store.put(TASK + "/clip.mp3", randomBytes(1_000), "audio/mpeg");
    Path sidecar = root().resolve(TASK).resolve(".clip.mp3.meta");
    String text = Files.readString(sidecar);
    String etag = text.lines().filter(l -> l.startsWith("etag=")).findFirst().orElseThrow().substring(5);
    Files.writeString(sidecar, text.replace(etag, "00000000000000000000000000000000"));

    assertThat(store.find(TASK + "/clip.mp3")).get().extracting(StoredAsset::etag).isEqualTo("00000000000000000000000000000000");
  }

  @Test
  void a_file_changed_behind_the_stores_back_gets_a_fresh_etag() throws Exception {
    StoredAsset before = store.put(TASK + "/clip.mp3", "old content".getBytes(UTF_8), "audio/mpeg");
    Path file = root().resolve(TASK).resolve("clip.mp3");
    Files.writeString(file, "new content!");
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.modifiedAt().toEpochMilli() + 5_000));

    StoredAsset after = store.find(TASK + "/clip.mp3").orElseThrow();

    assertThat(after.etag()).isNotEqualTo(before.etag());
    assertThat(after.size()).isEqualTo(12);
    assertThat(after.contentType()).as("the recorded type survives").isEqualTo("audio/mpeg");
    assertThat(store.put(TASK + "/same.mp3", "new content!".getBytes(UTF_8), null).etag()).isEqualTo(after.etag());
  }

  @Test
  void a_missing_sidecar_is_rebuilt() throws Exception {
    StoredAsset stored = store.put(TASK + "/clip.mp3", randomBytes(500), "audio/mpeg");
    Path sidecar = root().resolve(TASK).resolve(".clip.mp3.meta");
    Files.delete(sidecar);

    assertThat(store.find(TASK + "/clip.mp3")).get().extracting(StoredAsset::etag).isEqualTo(stored.etag());
    assertThat(sidecar).exists();
  }
}
