package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs of one real song, made by the local studio and driven the way a sunoapi.org client
 * does (create, callback, poll record-info until SUCCESS, download): judged by {@code ffprobe} and
 * the samples {@code ffmpeg} decodes, never by our own code.
 */
@Tag("e2e")
class OutputsEndToEndTest {
  @TempDir static Path dir;
  static CallbackReceiver callbacks;
  static TestServer server;
  static String song;
  static JsonNode tracks;

  @BeforeAll
  static void start() throws Exception {
    MediaFixtures.require("ffprobe");
    MediaFixtures.require("ffmpeg");
    callbacks = new CallbackReceiver();
    server = TestServer.start();
    String body =
        """
        {"customMode":true,"instrumental":false,"model":"V4","style":"synthwave, 100 bpm, retro",
         "title":"Night Drive","prompt":"[Verse]\\nNeon lights along the road\\nCity hums a quiet code\\n[Chorus]\\nNight drive, we are alive",
         "callBackUrl":"%s"}
        """.formatted(callbacks.url("/song"));
    song = create("/api/v1/generate", body);
    JsonNode done =
        server.pollUntil(
            "/api/v1/generate/record-info?taskId=" + song,
            j -> !List.of("PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS").contains(j.path("data").path("status").asText()),
            Duration.ofMinutes(5));
    assertThat(done.path("data").path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
    tracks = done.path("data").path("response").path("sunoData");
  }

  @AfterAll
  static void stop() {
    server.close();
    callbacks.close();
  }

  static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  static Path download(String url, String name) throws Exception {
    Path file = dir.resolve(name);
    HttpResponse<Path> response = server.client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return file;
  }

  /** Polls a string-successFlag query until it leaves PENDING; it must be SUCCESS. */
  static JsonNode pollFlag(String query, String taskId) throws Exception {
    JsonNode done = server.pollUntil(query + "?taskId=" + taskId, j -> !j.path("data").path("successFlag").asText().equals("PENDING"), Duration.ofMinutes(5));
    assertThat(done.path("data").path("successFlag").asText()).as(done.toString()).isEqualTo("SUCCESS");
    return done.path("data");
  }

  /** The callback whose {@code data.task_id} (or {@code data.taskId}) is {@code taskId}. */
  static JsonNode callbackOf(String taskId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (CallbackReceiver.Received received : callbacks.all()) {
        JsonNode payload = TestServer.JSON.readTree(received.body());
        JsonNode data = payload.path("data");
        if (taskId.equals(data.path("task_id").asText(null)) || taskId.equals(data.path("taskId").asText(null))) {
          return payload;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no callback for " + taskId);
  }

  static Map<String, String> probe(Path file) throws Exception {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    String out = MediaFixtures.run(List.of("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "flat", file.toString()));
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
      }
    }
    return values;
  }

  @Test
  void wav_is_16_bit_stereo_44k_pcm_as_long_as_the_mp3() throws Exception {
    String audioId = tracks.get(0).path("id").asText();
    String wav = create("/api/v1/wav/generate", "{\"taskId\":\"" + song + "\",\"audioId\":\"" + audioId + "\",\"callBackUrl\":\"" + callbacks.url("/wav") + "\"}");
    JsonNode data = pollFlag("/api/v1/wav/record-info", wav);
    assertThat(json(server.get("/suno/query/wav?taskId=" + wav)).path("data")).isEqualTo(data);
    String url = data.path("response").path("audioWavUrl").asText();
    assertThat(url).endsWith(".wav");
    assertThat(data.path("completeTime").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

    JsonNode callback = callbackOf(wav);
    assertThat(callback.path("code").asInt()).isEqualTo(200);
    assertThat(callback.path("data").path("audioWavUrl").asText()).isEqualTo(url);

    Path file = download(url, "clip.wav");
    Path mp3 = download(tracks.get(0).path("audioUrl").asText(), "clip.mp3");
    Map<String, String> wavProbe = probe(file);
    assertThat(wavProbe.get("format.format_name")).isEqualTo("wav");
    assertThat(wavProbe.get("streams.stream.0.codec_name")).isEqualTo("pcm_s16le");
    assertThat(wavProbe.get("streams.stream.0.sample_rate")).isEqualTo("44100");
    assertThat(wavProbe.get("streams.stream.0.channels")).isEqualTo("2");
    // the MP3's length is what a decoder (Debian's ffmpeg, encoder delay and padding removed) gives;
    // ffprobe's container estimate for an MP3 counts the padding too
    float[] fromMp3 = decode16(mp3);
    float[] fromWav = decode16(file);
    assertThat(Math.abs(fromWav.length - fromMp3.length)).as("wav %d samples, mp3 %d", fromWav.length, fromMp3.length).isLessThanOrEqualTo(1152);
    double wavSeconds = Double.parseDouble(wavProbe.get("format.duration"));
    assertThat(wavSeconds).isCloseTo(fromWav.length / 44100.0, org.assertj.core.api.Assertions.within(0.001));
    // and the same samples: the WAV is the decoded MP3, within 16-bit rounding
    double worst = 0;
    for (int i = 0; i < Math.min(fromMp3.length, fromWav.length); i++) {
      worst = Math.max(worst, Math.abs(fromMp3[i] - fromWav[i]));
    }
    assertThat(worst).isLessThan(1e-3);
    assertThat(wavSeconds).isGreaterThan(5);
  }

  /**
   * The file decoded by Debian's {@code ffmpeg} to 16-bit stereo (as any WAV of it must be: an MP3
   * decoder may overshoot full scale, 16 bits clamp), then folded to mono.
   */
  static float[] decode16(Path file) throws Exception {
    Path raw = dir.resolve(file.getFileName() + ".s16");
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-ac", "2", "-ar", "44100", "-f", "s16le", raw.toString()));
    java.nio.ShortBuffer pcm = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    float[] out = new float[pcm.remaining() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pcm.get(2 * i) + pcm.get(2 * i + 1)) / 65534f;
    }
    return out;
  }

  /** The file decoded by Debian's {@code ffmpeg} to float stereo (nothing clamped), folded to mono as {@link #decode16} does. */
  static float[] decodeFloat(Path file) throws Exception {
    Path raw = dir.resolve(file.getFileName() + ".f32");
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-i", file.toString(), "-ac", "2", "-ar", "44100", "-f", "f32le", raw.toString()));
    java.nio.FloatBuffer pcm = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] out = new float[pcm.remaining() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pcm.get(2 * i) + pcm.get(2 * i + 1)) / 2;
    }
    return out;
  }

  /** The mono sum of decoded (float) files, sample by sample, over the shortest. */
  static float[] sum(List<Path> files) throws Exception {
    float[] total = null;
    for (Path file : files) {
      float[] x = decodeFloat(file); // float stems: nothing clamped
      if (total == null) {
        total = x;
      } else {
        int n = Math.min(total.length, x.length);
        total = java.util.Arrays.copyOf(total, n);
        for (int i = 0; i < n; i++) {
          total[i] += x[i];
        }
      }
    }
    return total;
  }

  /** RMS of a − b over their common length, in dB relative to the RMS of b. */
  static double errorDb(float[] a, float[] b) {
    int n = Math.min(a.length, b.length);
    double err = 0;
    double ref = 0;
    for (int i = 0; i < n; i++) {
      err += (a[i] - b[i]) * (double) (a[i] - b[i]);
      ref += b[i] * (double) b[i];
    }
    return 10 * Math.log10(err / ref);
  }

  @Test
  void separate_vocal_gives_a_vocal_and_an_instrumental_that_sum_back_to_the_mix() throws Exception {
    String audioId = tracks.get(0).path("id").asText();
    String task =
        create("/suno/vocal-removal", "{\"taskId\":\"" + song + "\",\"audioId\":\"" + audioId + "\",\"type\":\"separate_vocal\",\"callBackUrl\":\"" + callbacks.url("/stems") + "\"}");
    JsonNode data = pollFlag("/api/v1/vocal-removal/record-info", task);
    JsonNode response = data.path("response");
    assertThat(response.get("drumsUrl").isNull()).isTrue();
    Path vocal = download(response.path("vocalUrl").asText(), "vocal.wav");
    Path instrumental = download(response.path("instrumentalUrl").asText(), "instrumental.wav");
    Path mix = download(response.path("originUrl").asText(), "mix.mp3");
    assertThat(response.path("originUrl").asText()).isEqualTo(tracks.get(0).path("audioUrl").asText());

    JsonNode callback = callbackOf(task);
    assertThat(callback.path("msg").asText()).isEqualTo("vocal Removal generated successfully.");
    JsonNode info = callback.path("data").path("vocal_removal_info");
    assertThat(info.fieldNames()).toIterable().containsExactlyInAnyOrder("origin_url", "instrumental_url", "vocal_url");
    assertThat(info.path("vocal_url").asText()).isEqualTo(response.path("vocalUrl").asText());

    float[] decodedMix = decode16(mix);
    float[] summed = sum(List.of(vocal, instrumental));
    assertThat(Math.abs(summed.length - decodedMix.length)).isLessThanOrEqualTo(1152);
    assertThat(errorDb(summed, decodedMix)).as("vocal + instrumental against the mix, dB").isLessThan(-60);
    // both halves carry real sound, and the vocal is not the mix
    double vocalDb = MediaFixtures.rmsDb(vocal, "anull");
    double instrumentalDb = MediaFixtures.rmsDb(instrumental, "anull");
    assertThat(vocalDb).isGreaterThan(-45);
    assertThat(instrumentalDb).isGreaterThan(-45);
    assertThat(errorDb(decodeFloat(vocal), decodedMix)).as("vocal against the mix").isGreaterThan(-3);
  }

  @Test
  void split_stem_gives_each_part_family_and_they_sum_back_to_the_mix() throws Exception {
    String audioId = tracks.get(1).path("id").asText();
    String task =
        create("/api/v1/vocal-removal/generate", "{\"taskId\":\"" + song + "\",\"audioId\":\"" + audioId + "\",\"type\":\"split_stem\",\"callBackUrl\":\"" + callbacks.url("/stems") + "\"}");
    JsonNode data = pollFlag("/suno/query/vocal-removal", task);
    JsonNode response = data.path("response");
    assertThat(response.get("instrumentalUrl").isNull()).isTrue();
    List<Path> stems = new java.util.ArrayList<>();
    for (String field : List.of("vocalUrl", "drumsUrl", "bassUrl", "fxUrl")) {
      assertThat(response.path(field).asText()).as(field).endsWith(".wav");
    }
    java.util.Iterator<Map.Entry<String, JsonNode>> fields = response.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("originUrl") && field.getValue().isTextual()) {
        stems.add(download(field.getValue().asText(), field.getKey() + ".wav"));
      }
    }
    assertThat(stems.size()).isGreaterThanOrEqualTo(5);
    JsonNode callback = callbackOf(task);
    JsonNode info = callback.path("data").path("vocal_removal_info");
    assertThat(info.has("instrumental_url")).isFalse();
    assertThat(info.fieldNames())
        .toIterable()
        .contains("origin_url", "vocal_url", "backing_vocals_url", "drums_url", "bass_url", "guitar_url", "keyboard_url", "percussion_url", "strings_url",
            "synth_url", "fx_url", "brass_url", "woodwinds_url");

    float[] decodedMix = decode16(download(response.path("originUrl").asText(), "mix-1.mp3"));
    String wav = create("/suno/wav-generate", "{\"taskId\":\"" + song + "\",\"audioId\":\"" + audioId + "\",\"callBackUrl\":\"" + callbacks.url("/wav") + "\"}");
    float[] exported = decode16(download(pollFlag("/suno/query/wav", wav).path("response").path("audioWavUrl").asText(), "mix-1.wav"));
    float[] summed = sum(stems);
    double toExport = errorDb(summed, exported);
    double toMp3 = errorDb(summed, decodedMix);
    double decoders = errorDb(exported, decodedMix);
    assertThat(toMp3).as("every stem summed against the mix: %.1f dB; against its WAV export %.1f dB; export vs mp3 %.1f dB", toMp3, toExport, decoders)
        .isLessThan(-60);
    // fx is what the dry parts leave over: the shared reverb return (the larger share on a wet
    // song), the limiter's work and the codec's difference; the parts carry the rest
    Path fx = download(response.path("fxUrl").asText(), "fx-only.wav");
    double fxDb = MediaFixtures.rmsDb(fx, "anull");
    double mixDb = MediaFixtures.rmsDb(download(response.path("originUrl").asText(), "mix-2.mp3"), "anull");
    assertThat(fxDb).as("fx %.1f dB, mix %.1f dB", fxDb, mixDb).isLessThan(mixDb - 2);
    double vocalsDb = MediaFixtures.rmsDb(download(response.path("vocalUrl").asText(), "vocals-only.wav"), "anull");
    double drumsDb = MediaFixtures.rmsDb(download(response.path("drumsUrl").asText(), "drums-only.wav"), "anull");
    assertThat(vocalsDb).isGreaterThan(mixDb - 20);
    assertThat(drumsDb).isGreaterThan(mixDb - 25);
  }

  @Test
  void generate_cover_paints_two_different_png_covers_and_a_second_request_names_the_first() throws Exception {
    String body = "{\"taskId\":\"" + song + "\",\"callBackUrl\":\"" + callbacks.url("/cover") + "\"}";
    String task = create("/api/v1/suno/cover/generate", body);
    JsonNode done = server.pollUntil("/api/v1/suno/cover/record-info?taskId=" + task, j -> j.path("data").path("successFlag").asInt() != 0
        && j.path("data").path("successFlag").asInt() != 2, Duration.ofMinutes(3));
    JsonNode data = done.path("data");
    assertThat(data.path("successFlag").asInt()).as(done.toString()).isEqualTo(1);
    assertThat(data.path("errorCode").asInt()).isEqualTo(200);
    assertThat(data.path("completeTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    JsonNode images = data.path("response").path("images");
    assertThat(images).hasSize(2);
    JsonNode callback = callbackOf(task);
    assertThat(callback.path("data").path("images")).isEqualTo(images);

    java.awt.image.BufferedImage[] pictures = new java.awt.image.BufferedImage[2];
    for (int i = 0; i < 2; i++) {
      Path file = download(images.get(i).asText(), "cover-" + i + ".png");
      Map<String, String> probed = probe(file);
      assertThat(probed.get("streams.stream.0.codec_name")).isEqualTo("png");
      assertThat(probed.get("streams.stream.0.width")).isEqualTo("1024");
      pictures[i] = javax.imageio.ImageIO.read(file.toFile());
    }
    // two styles: the pictures differ over most of their area, not just in noise
    int differing = 0;
    int samples = 0;
    for (int y = 0; y < 1024; y += 16) {
      for (int x = 0; x < 1024; x += 16) {
        int a = pictures[0].getRGB(x, y);
        int b = pictures[1].getRGB(x, y);
        int d = Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255)) + Math.abs((a & 255) - (b & 255));
        differing += d > 60 ? 1 : 0;
        samples++;
      }
    }
    assertThat(differing).as("pixels that differ clearly, of %d", samples).isGreaterThan(samples / 4);

    HttpResponse<String> again = server.post("/suno/generate-cover", body);
    assertThat(json(again).path("code").asInt()).isEqualTo(400);
    assertThat(json(again).path("data").path("taskId").asText()).isEqualTo(task);
  }

  @Test
  void mp4_is_a_720p_h264_aac_video_as_long_as_the_clip_with_its_lyrics_moving() throws Exception {
    String audioId = tracks.get(1).path("id").asText();
    String task =
        create("/suno/mp4-generate", "{\"taskId\":\"" + song + "\",\"audioId\":\"" + audioId + "\",\"author\":\"The Testers\","
            + "\"domainName\":\"music.example.com\",\"callBackUrl\":\"" + callbacks.url("/mp4") + "\"}");
    JsonNode data = pollFlag("/api/v1/mp4/record-info", task);
    String url = data.path("response").path("videoUrl").asText();
    assertThat(url).endsWith(".mp4");
    JsonNode callback = callbackOf(task);
    assertThat(callback.path("msg").asText()).isEqualTo("MP4 generated successfully.");
    assertThat(callback.path("data").path("video_url").asText()).isEqualTo(url);

    Path video = download(url, "video.mp4");
    Map<String, String> probed = probe(video);
    assertThat(probed.get("streams.stream.0.codec_name") + "," + probed.get("streams.stream.1.codec_name")).isIn("h264,aac", "aac,h264");
    int v = probed.get("streams.stream.0.codec_type").equals("video") ? 0 : 1;
    assertThat(probed.get("streams.stream." + v + ".width")).isEqualTo("1280");
    assertThat(probed.get("streams.stream." + v + ".height")).isEqualTo("720");
    assertThat(probed.get("format.tags.artist")).isEqualTo("The Testers");
    double seconds = Double.parseDouble(probed.get("format.duration"));
    double clip = tracks.get(1).path("duration").asDouble();
    assertThat(Math.abs(seconds - clip)).as("video %.3f s, clip %.3f s", seconds, clip).isLessThanOrEqualTo(0.2);
    // +faststart: the index (moov) comes before the media data (mdat)
    byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(video), 4096);
    String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text.indexOf("moov")).isGreaterThan(0);
    assertThat(text.contains("mdat") ? text.indexOf("moov") < text.indexOf("mdat") : true).isTrue();
    // the picture moves with the audio: frames a few seconds apart differ
    Path first = dir.resolve("frame-a.png");
    Path later = dir.resolve("frame-b.png");
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", "8", "-i", video.toString(), "-frames:v", "1", first.toString()));
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", "14", "-i", video.toString(), "-frames:v", "1", later.toString()));
    java.awt.image.BufferedImage a = javax.imageio.ImageIO.read(first.toFile());
    java.awt.image.BufferedImage b = javax.imageio.ImageIO.read(later.toFile());
    assertThat(a.getWidth()).isEqualTo(1280);
    int changed = 0;
    for (int y = 300; y < 700; y += 4) {
      for (int x = 0; x < 1280; x += 4) {
        changed += Math.abs((a.getRGB(x, y) & 255) - (b.getRGB(x, y) & 255)) > 40 ? 1 : 0;
      }
    }
    assertThat(changed).as("pixels of the waveform and lyric area that changed").isGreaterThan(200);
  }
}
