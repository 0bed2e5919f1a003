package io.backbeat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.engine.render.Mixer;
import io.backbeat.engine.render.StemAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long clips spill their parts and master to disk (bounded memory); short ones stay in memory.
 * Both paths must give the same files, byte for byte, and a spill must leave nothing behind.
 */
class StudioSpillTest {
  @TempDir static Path dir;
  static Studio holding;
  static Studio spilling;
  static SongPlan plan;

  @BeforeAll
  static void setUp() {
    holding = new Studio(new StudioConfig(null, dir.resolve("work-held"), 2), Long.MAX_VALUE);
    spilling = new Studio(new StudioConfig(null, dir.resolve("work-spilled"), 2), 0);
    SongRequest request = SongRequest.builder().style("hip hop 90 bpm").title("Spill").customMode(true).instrumental(true)
        .seed(8).maxLength(Duration.ofSeconds(12)).build();
    plan = holding.plan(request);
  }

  @AfterAll
  static void close() {
    holding.close();
    spilling.close();
  }

  @Test
  void a_spilled_render_writes_the_bytes_of_a_render_held_in_memory_and_leaves_no_spill_files() throws Exception {
    RenderedClip held = holding.render(plan, 0, dir.resolve("held"));
    RenderedClip spilled = spilling.render(plan, 0, dir.resolve("spilled"));

    assertThat(Files.size(spilled.mp3())).isGreaterThan(100_000);
    assertThat(Files.readAllBytes(spilled.mp3())).isEqualTo(Files.readAllBytes(held.mp3()));
    assertThat(spilled.stemsWav().keySet()).isEqualTo(held.stemsWav().keySet()).hasSizeGreaterThan(2);
    for (Map.Entry<String, Path> stem : held.stemsWav().entrySet()) {
      assertThat(Files.readAllBytes(spilled.stemsWav().get(stem.getKey())))
          .as(stem.getKey()).isEqualTo(Files.readAllBytes(stem.getValue()));
    }
    assertThat(filesUnder(dir.resolve("work-spilled"))).isZero();
  }

  @Test
  void a_spilled_mix_keeps_its_parts_on_disk_until_closed() throws Exception {
    Path spill;
    try (MixedClip mixed = spilling.renderMix(plan, 0); MixedClip inMemory = holding.renderMix(plan, 0)) {
      Mixer.PlacedStem first = mixed.stems().get(0);
      assertThat(first.stem()).isInstanceOf(StemAudio.OnDisk.class);
      assertThat(inMemory.stems().get(0).stem()).isInstanceOf(StemAudio.Held.class);
      spill = ((StemAudio.OnDisk) first.stem()).wav();
      assertThat(Files.size(spill)).isGreaterThan(first.stem().frames() * 8L);
      assertThat(mixed.master().left()).isEqualTo(inMemory.master().left());
      assertThat(mixed.stemGain()).isEqualTo(inMemory.stemGain());
    }
    assertThat(spill).doesNotExist();
  }

  @Test
  void a_clip_held_in_memory_waits_while_two_others_are_held_and_a_spilled_one_does_not() throws Exception {
    holding.heldClips.acquire(Studio.CLIPS); // as if two clips of another song held their parts
    java.util.concurrent.CompletableFuture<RenderedClip> waiting;
    try {
      waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return holding.render(plan, 1, dir.resolve("held-later"));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      while (!holding.heldClips.hasQueuedThreads() && !waiting.isDone()) {
        Thread.onSpinWait();
      }
      assertThat(waiting).isNotDone();
      spilling.heldClips.acquire(Studio.CLIPS);
      try {
        assertThat(Files.size(spilling.render(plan, 1, dir.resolve("spilled-meanwhile")).mp3())).isGreaterThan(100_000);
      } finally {
        spilling.heldClips.release(Studio.CLIPS);
      }
      assertThat(waiting).isNotDone();
    } finally {
      holding.heldClips.release(Studio.CLIPS);
    }
    assertThat(Files.size(waiting.get().mp3())).isGreaterThan(100_000);
    assertThat(holding.heldClips.availablePermits()).isEqualTo(Studio.CLIPS);
  }

  private static long filesUnder(Path root) throws Exception {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).count();
    }
  }
}
