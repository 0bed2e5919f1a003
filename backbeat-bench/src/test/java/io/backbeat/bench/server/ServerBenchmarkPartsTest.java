package io.backbeat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.bench.engine.FluidSynthAnchor;
import io.backbeat.bench.engine.RenderTimeChart;
import io.backbeat.bench.engine.SongMidi;
import io.backbeat.bench.engine.SongRenderBenchmark;
import io.backbeat.engine.ClipPlan;
import io.backbeat.engine.SongRequest;
import io.backbeat.engine.Studio;
import io.backbeat.engine.StudioConfig;
import io.backbeat.engine.compose.Part;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import java.util.Optional;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's parts at --quick size or smaller: real sockets, real bytes; no timing is judged. */
class ServerBenchmarkPartsTest {
  @TempDir Path dir;

  @Test
  void the_load_generator_counts_every_answer_of_the_bare_server_and_stops_at_its_request_budget() throws Exception {
    byte[] body = "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"abc\"}}".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("poll.json");
    Files.write(file, body);
    int port = ChildProcess.freePort();
    BareServer.main(new String[] {Integer.toString(port), file.toString()});
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
    byte[] request = LoadGenerator.request("GET", "/suno/query/lyrics?taskId=abc", null, "Authorization", "Bearer x");

    assertThat(LoadGenerator.once(target, request).body()).isEqualTo(body);
    LoadGenerator.Result result = LoadGenerator.run("bare", target, request, 4, 200, Duration.ofSeconds(60));

    assertThat(result.requests()).isEqualTo(200);
    assertThat(result.failures()).isZero();
    assertThat(result.micros().getTotalCount()).isEqualTo(200);
    assertThat(result.perSecond()).isPositive();
  }

  @Test
  void answers_with_a_length_or_in_chunks_are_read_to_their_end_and_no_further() throws Exception {
    String two = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
        + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n";
    ByteArrayInputStream in = new ByteArrayInputStream(two.getBytes(StandardCharsets.US_ASCII));

    LoadGenerator.Answer first = LoadGenerator.readAnswer(in);
    LoadGenerator.Answer second = LoadGenerator.readAnswer(in);

    assertThat(first.status()).isEqualTo(200);
    assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(second.status()).isEqualTo(404);
    assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void sqlite_inserts_stop_at_their_row_budget() throws Exception {
    LoadGenerator.Result inserts = SqliteInserts.run(dir.resolve("anchor"), 100, Duration.ofSeconds(60));

    assertThat(inserts.requests()).isEqualTo(100);
    assertThat(inserts.micros().getTotalCount()).isEqualTo(100);
  }

  @Test
  void the_section_replaces_only_its_own_markers_and_the_chart_is_a_png() throws Exception {
    String doc = "# Benchmarks\n\n" + ServerBenchmark.START + "\nold\n" + ServerBenchmark.END + "\n\n<!-- engine-benchmark:start -->\nengine\n<!-- engine-benchmark:end -->\n";

    String spliced = ServerBenchmark.splice(doc, ServerBenchmark.START + "\nnew\n" + ServerBenchmark.END);
    String inserted = ServerBenchmark.splice("# Benchmarks\n\nengine\n", ServerBenchmark.START + "\nnew\n" + ServerBenchmark.END);

    assertThat(spliced).contains("\nnew\n").doesNotContain("old").contains("engine\n<!-- engine-benchmark:end -->");
    assertThat(inserted).startsWith("# Benchmarks\n\n" + ServerBenchmark.START).endsWith("engine\n");

    LoadGenerator.Result inserts = SqliteInserts.run(dir.resolve("chart"), 50, Duration.ofSeconds(60));
    Path png = dir.resolve("out").resolve("latency.png");
    LatencyChart.write(png, "test", List.of(inserts));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(520);
  }

  private static final Path TIMGM6MB = Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2");

  @Test
  void a_clips_midi_holds_every_played_note_and_fluidsynth_renders_it_to_audio_of_the_clips_length() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(TIMGM6MB), "TimGM6mb is not installed (apt-get install timgm6mb-soundfont)");
    ClipPlan clip;
    try (Studio studio = new Studio(new StudioConfig(TIMGM6MB, dir.resolve("work"), 2))) {
      clip = studio.plan(SongRequest.builder().prompt("a song about speed").style("pop, 100 bpm").seed(3).build()).clips().get(0);
    }
    List<Part> played = SongMidi.playedParts(clip.arrangement(), clip.voice() != null);
    Path midi = dir.resolve("clip.mid");
    SongMidi.write(clip.arrangement(), played, midi);

    Sequence sequence = MidiSystem.getSequence(midi.toFile());
    long noteOns = 0;
    for (Track track : sequence.getTracks()) {
      for (int i = 0; i < track.size(); i++) {
        MidiEvent event = track.get(i);
        if (event.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
          noteOns++;
        }
      }
    }
    assertThat(noteOns).isEqualTo(played.stream().mapToLong(p -> p.notes().size()).sum()).isPositive();
    assertThat(sequence.getMicrosecondLength() / 1e6).isCloseTo(clip.durationSeconds(), org.assertj.core.api.Assertions.within(0.01));

    Optional<FluidSynthAnchor> fluid = FluidSynthAnchor.find();
    Assumptions.assumeTrue(fluid.isPresent(), "fluidsynth is not installed (apt-get install fluidsynth)");
    fluid.get().render(TIMGM6MB, List.of(midi), Duration.ofMinutes(2));
    Path wav = FluidSynthAnchor.wavOf(midi);
    // judged by ffmpeg's tools, not by our own reading of the file
    double seconds = Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", wav.toString()).strip());
    assertThat(seconds).isBetween(clip.durationSeconds() - 1.0, clip.durationSeconds() + 3.0);
    String volume = run("ffmpeg", "-hide_banner", "-nostats", "-i", wav.toString(), "-af", "volumedetect", "-f", "null", "-");
    double maxDb = Double.parseDouble(volume.replaceAll("(?s).*max_volume: (-?[0-9.]+) dB.*", "$1"));
    assertThat(maxDb).isGreaterThan(-20.0);
  }

  @Test
  void the_songs_for_the_length_chart_are_the_same_song_cut_shorter_and_the_chart_is_a_png() throws Exception {
    SongRequest song = SongRequest.builder().prompt("a song about speed").style("pop, 100 bpm").seed(21).build();
    List<Double> lengths = new java.util.ArrayList<>();
    try (Studio studio = new Studio(new StudioConfig(TIMGM6MB, dir.resolve("work"), 2))) {
      for (SongRequest shorter : SongRenderBenchmark.shorter(song, true)) {
        lengths.add(studio.plan(shorter).clips().stream().mapToDouble(ClipPlan::durationSeconds).max().orElseThrow());
      }
      lengths.add(studio.plan(song).clips().stream().mapToDouble(ClipPlan::durationSeconds).max().orElseThrow());
    }
    assertThat(lengths).hasSize(3).isSorted();
    assertThat(lengths.get(0)).isLessThanOrEqualTo(60.0).isLessThan(lengths.get(1));
    assertThat(lengths.get(1)).isLessThanOrEqualTo(120.0).isLessThan(lengths.get(2));

    Path png = dir.resolve("charts").resolve("song-render.png");
    RenderTimeChart.write(png, "test", List.of(
        new SongRenderBenchmark.Point(2, 150, 5.0, 1.0), new SongRenderBenchmark.Point(3, 180, 6.5, 1.2),
        new SongRenderBenchmark.Point(4, 240, 9.0, -1)));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(RenderTimeChart.W);
    assertThat(image.getHeight()).isEqualTo(RenderTimeChart.H);
    long studioBlue = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        studioBlue += (image.getRGB(x, y) & 0xffffff) == 0x1f77b4 ? 1 : 0;
      }
    }
    assertThat(studioBlue).isGreaterThan(100); // the studio's line and points were drawn
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
