package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes that work on our own tracks, driven the way a sunoapi.org client drives them: a song
 * made with {@code POST /api/v1/generate}, polled at {@code /api/v1/generate/record-info} until
 * {@code SUCCESS}, its {@code sunoData[0].audioUrl} fetched; then extended, its words timed, its
 * voice kept as a persona. Outputs are judged by {@code aubio} (tempo, notes), {@code ffprobe} and
 * the samples {@code ffmpeg} decodes, never by the engine's own estimators.
 */
@Tag("e2e")
class MusicRoutesEndToEndTest {
  private static final double BPM = 112;
  private static final String LYRICS = "[Verse]\\nMorning light upon the hill\\nEvery road is waiting still\\n[Chorus]\\nCarry me home, carry me on";

  @TempDir static Path dir;
  static CallbackReceiver callbacks;
  static TestServer server;
  static String songTask;
  static JsonNode songTrack;
  static Path songAudio;

  @BeforeAll
  static void start() throws Exception {
    callbacks = new CallbackReceiver();
    server = TestServer.start();
    songTask =
        create(
            "/api/v1/generate",
            """
            {"customMode":true,"instrumental":false,"model":"V5","style":"pop rock, %d bpm, bright","title":"Morning Light","prompt":"%s","callBackUrl":"%s"}
            """.formatted((int) BPM, LYRICS, callbacks.url("/song")));
    JsonNode data = pollToSuccess(songTask);
    songTrack = data.path("response").path("sunoData").get(0);
    songAudio = download(songTrack.path("audioUrl").asText(), "song.mp3");
  }

  @AfterAll
  static void stop() {
    server.close();
    callbacks.close();
  }

  static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).path("code").asInt()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  static JsonNode pollToSuccess(String taskId) throws Exception {
    JsonNode done =
        server.pollUntil(
            "/api/v1/generate/record-info?taskId=" + taskId,
            j -> !List.of("PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS").contains(j.path("data").path("status").asText()),
            Duration.ofMinutes(6));
    assertThat(done.path("data").path("status").asText()).as(done.toString()).isEqualTo("SUCCESS");
    assertThat(json(server.get("/suno/query/task?taskId=" + taskId)).path("data")).isEqualTo(done.path("data"));
    return done.path("data");
  }

  static Path download(String url, String name) throws Exception {
    Path file = dir.resolve(name);
    HttpResponse<Path> response = server.client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).isEqualTo(200);
    return file;
  }

  static JsonNode nativeClip(String taskId, int index) {
    return json(server.get("/v1/tasks/" + taskId)).path("result").path("clips").get(index);
  }

  @Test
  void a_sunoapi_client_creates_a_song_polls_record_info_until_success_and_fetches_sunodata_audio() throws Exception {
    JsonNode data = json(server.get("/api/v1/generate/record-info?taskId=" + songTask)).path("data");
    assertThat(data.path("operationType").asText()).isEqualTo("generate");
    assertThat(data.path("parentMusicId").asText()).isEmpty();
    assertThat(TestServer.JSON.readTree(data.path("param").asText()).path("title").asText()).isEqualTo("Morning Light");
    assertThat(data.path("response").path("sunoData")).hasSize(2);
    assertThat(songTrack.path("audioUrl").asText()).endsWith(".mp3");
    assertThat(MediaFixtures.duration(songAudio)).isCloseTo(songTrack.path("duration").asDouble(), within(0.1));
    assertThat(MediaFixtures.aubioBpm(songAudio)).isCloseTo(BPM, within(BPM * 0.02));
  }

  @Test
  void an_extension_continues_the_track_in_its_tempo_and_key_without_a_click_and_names_its_parent() throws Exception {
    String audioId = songTrack.path("id").asText();
    double continueAt = Math.round(songTrack.path("duration").asDouble() * 0.6 * 100) / 100.0;
    String taskId =
        create(
            "/api/v1/generate/extend",
            """
            {"defaultParamFlag":true,"audioId":"%s","model":"V5","continueAt":%s,"style":"pop rock, bright","title":"Morning Light II",
             "prompt":"[Verse]\\nAnother mile beneath the sun\\nSinging till the day is done","callBackUrl":"%s"}
            """.formatted(audioId, continueAt, callbacks.url("/extend")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("extend");
    assertThat(data.path("parentMusicId").asText()).isEqualTo(audioId);
    JsonNode item = data.path("response").path("sunoData").get(0);
    assertThat(item.path("title").asText()).isEqualTo("Morning Light II");
    JsonNode clip = nativeClip(taskId, 0);
    double splice = clip.path("continueAt").asDouble();
    double beat = 60 / BPM;
    assertThat(Math.abs(splice - continueAt)).isLessThanOrEqualTo(beat);
    Path extended = download(item.path("audioUrl").asText(), "extended.mp3");
    assertThat(MediaFixtures.duration(extended)).isCloseTo(splice + clip.path("continuationDuration").asDouble(), within(0.05));

    // tempo: aubio hears the continuation alone at the source's tempo
    Path continuation = cut(extended, splice + 2 * beat, "continuation.wav");
    double source = MediaFixtures.aubioBpm(songAudio);
    double heard = MediaFixtures.aubioBpm(continuation);
    assertThat(heard).as("aubio: source %.2f bpm, continuation %.2f bpm", source, heard).isCloseTo(source, within(source * 0.02));

    // key: the pitches aubio hears in the continuation's bass lie in the source song's key
    String key = nativeClip(songTask, 0).path("key").asText();
    Set<Integer> scale = scale(key);
    Path sourceBass = download(bassStem(nativeClip(songTask, 0)), "source-bass.wav");
    Path newBass = download(bassStem(clip), "extension-bass.wav");
    double sourceIn = inScale(sourceBass, scale, 0);
    double newIn = inScale(newBass, scale, splice);
    assertThat(sourceIn).as("the measure itself: the source's bass in %s", key).isGreaterThan(0.8);
    assertThat(newIn).as("share of the continuation's bass pitches in %s", key).isGreaterThan(0.8);
    // and not transposed: the continuation's pitch-class profile lines up with the source's best as it is
    double[] sourceProfile = pitchClasses(sourceBass, 0);
    double[] newProfile = pitchClasses(newBass, splice);
    int best = 0;
    for (int r = 1; r < 12; r++) {
      if (correlation(sourceProfile, rotated(newProfile, r)) > correlation(sourceProfile, rotated(newProfile, best))) best = r;
    }
    // A key a fifth away shares six of seven notes, so new material that dwells on other chords of
    // the same key can line up best a fifth off (seen twice); any other offset is a transposition
    // the in-scale share above would not let through either.
    assertThat(best)
        .as("pitch classes: source %s, continuation %s", java.util.Arrays.toString(sourceProfile), java.util.Arrays.toString(newProfile))
        .isIn(0, 5, 7);

    // no click: the join adds no sample step larger than the music around it
    float[] out = MediaFixtures.decodeMono(extended);
    int s = (int) Math.round(splice * 44100);
    int fade = (int) Math.round(beat * 44100);
    double before = maxStep(out, s - 3 * 44100, s - fade - 2205);
    double atJoin = maxStep(out, s - 30, s + 30);
    double after = maxStep(out, s + 2205, s + 3 * 44100);
    assertThat(atJoin).as("step at the join %.4f, before %.4f, after %.4f", atJoin, before, after).isLessThanOrEqualTo(Math.max(before, after));

    // the callbacks are the music family's, in snake_case
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<String> types = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      types = callbackTypes(taskId);
      if (types.contains("complete")) break;
      Thread.sleep(100);
    }
    assertThat(types).contains("complete");
  }

  @Test
  void extending_with_inherited_parameters_continues_from_the_end_in_the_sources_style() throws Exception {
    String audioId = data(songTask).path("response").path("sunoData").get(1).path("id").asText();
    String taskId =
        create(
            "/suno/extend",
            """
            {"defaultParamFlag":false,"audioId":"%s","model":"V5","callBackUrl":"https://example.com/cb"}
            """.formatted(audioId));

    JsonNode data = pollToSuccess(taskId);

    JsonNode source = nativeClip(songTask, 1);
    JsonNode clip = nativeClip(taskId, 0);
    assertThat(clip.path("title").asText()).isEqualTo(source.path("title").asText());
    assertThat(clip.path("continueAt").asDouble()).isCloseTo(source.path("duration").asDouble(), within(60 / BPM + 0.05));
    Path extended = download(data.path("response").path("sunoData").get(0).path("audioUrl").asText(), "inherited.mp3");
    assertThat(MediaFixtures.duration(extended)).isGreaterThan(source.path("duration").asDouble() + 5);
  }

  @Test
  void timestamped_lyrics_time_the_sung_words_where_the_vocal_sounds_and_draw_the_real_waveform() throws Exception {
    String audioId = songTrack.path("id").asText();
    HttpResponse<String> answer =
        server.post("/api/v1/generate/get-timestamped-lyrics", "{\"taskId\":\"%s\",\"audioId\":\"%s\"}".formatted(songTask, audioId));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode data = json(answer).path("data");
    assertThat(json(server.post("/suno/timestamped-lyrics", "{\"taskId\":\"%s\",\"audioId\":\"%s\"}".formatted(songTask, audioId))).path("data"))
        .isEqualTo(data);

    JsonNode words = data.path("alignedWords");
    double duration = MediaFixtures.duration(songAudio);
    List<String> sung = new ArrayList<>();
    double last = 0;
    for (JsonNode w : words) {
      assertThat(w.path("success").isBoolean()).isTrue();
      assertThat(w.path("palign").isInt()).isTrue();
      double start = w.path("startS").asDouble();
      double end = w.path("endS").asDouble();
      assertThat(start).isGreaterThanOrEqualTo(last - 1e-6);
      assertThat(end).isGreaterThan(start).isLessThanOrEqualTo(duration + 0.05);
      last = start;
      String word = w.path("word").asText();
      sung.add(word.substring(word.lastIndexOf('\n') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z']", ""));
    }
    assertThat(words.get(0).path("word").asText()).startsWith("[Verse]\n");
    assertThat(words.findValuesAsText("word")).anyMatch(w -> w.startsWith("[Chorus]\n"));
    assertThat(sung).startsWith("morning", "light", "upon", "the", "hill");
    assertThat(data.path("hootCer").asDouble()).isBetween(0.0, 0.2);
    assertThat(data.path("isStreamed").asBoolean()).isFalse();

    // the words lie where the vocal stem sounds: louder inside the word spans than between them
    Path vocal = download(stem(nativeClip(songTask, 0), "vocal"), "vocal.wav");
    float[] v = MediaFixtures.decodeMono(vocal);
    double inside = 0;
    long insideN = 0;
    boolean[] covered = new boolean[v.length];
    for (JsonNode w : words) {
      for (int i = (int) (w.path("startS").asDouble() * 44100); i < Math.min(v.length, (int) (w.path("endS").asDouble() * 44100)); i++) {
        covered[i] = true;
      }
    }
    double outside = 0;
    long outsideN = 0;
    for (int i = 0; i < v.length; i++) {
      if (covered[i]) {
        inside += v[i] * v[i];
        insideN++;
      } else {
        outside += v[i] * v[i];
        outsideN++;
      }
    }
    double insideDb = 10 * Math.log10(inside / insideN + 1e-12);
    double outsideDb = 10 * Math.log10(outside / Math.max(1, outsideN) + 1e-12);
    assertThat(insideDb - outsideDb).as("vocal level inside words %.1f dB, outside %.1f dB", insideDb, outsideDb).isGreaterThan(6);

    // the waveform is the audio's: it follows the peak envelope ffmpeg decodes
    JsonNode waveform = data.path("waveformData");
    int points = waveform.size();
    // five points a second (the job's decoder and ffprobe may differ by a fraction of a frame)
    assertThat((double) points).isCloseTo(Math.max(50, Math.min(1000, duration * 5)), within(1.0));
    float[] mix = MediaFixtures.decodeMono(songAudio);
    double[] reference = new double[points];
    double[] ours = new double[points];
    for (int p = 0; p < points; p++) {
      int from = (int) ((long) mix.length * p / points);
      int to = (int) ((long) mix.length * (p + 1) / points);
      for (int i = from; i < to; i++) reference[p] = Math.max(reference[p], Math.abs(mix[i]));
      ours[p] = waveform.get(p).asDouble();
      assertThat(ours[p]).isBetween(0.0, 1.0);
    }
    assertThat(correlation(reference, ours)).isGreaterThan(0.9);
  }

  @Test
  void a_replaced_section_changes_only_the_window_and_keeps_the_tracks_length() throws Exception {
    String audioId = songTrack.path("id").asText();
    double length = MediaFixtures.duration(songAudio);
    double start = Math.round(length * 0.3 * 100) / 100.0;
    double end = Math.round(Math.min(start + 10, start + length * 0.45) * 100) / 100.0;
    String taskId =
        create(
            "/api/v1/generate/replace-section",
            """
            {"taskId":"%s","audioId":"%s","prompt":"[Verse]\\nSomething new is shining through","tags":"pop rock, bright","title":"Morning Light (fixed)",
             "infillStartS":%s,"infillEndS":%s,"callBackUrl":"%s"}
            """.formatted(songTask, audioId, start, end, callbacks.url("/replace")));

    JsonNode data = pollToSuccess(taskId);

    assertThat(data.path("operationType").asText()).isEqualTo("replace_section");
    Path replaced = download(data.path("response").path("sunoData").get(0).path("audioUrl").asText(), "replaced.mp3");
    assertThat(MediaFixtures.duration(replaced)).isCloseTo(length, within(1152 / 44100.0));
    float[] before = MediaFixtures.decodeMono(songAudio);
    float[] after = MediaFixtures.decodeMono(replaced);
    double fade = nativeClip(taskId, 0).path("crossfadeS").asDouble();
    int margin = (int) Math.round((fade + 0.05) * 44100);
    int s = (int) Math.round(start * 44100);
    int e = (int) Math.round(end * 44100);
    int n = Math.min(before.length, after.length);
    double outsideSnr = snrDb(before, after, 0, s - margin) ;
    double tailSnr = snrDb(before, after, e + margin, n);
    double insideSnr = snrDb(before, after, s + margin, e - margin);
    // outside the window: the same audio within MP3 re-encoding; inside: other music
    assertThat(outsideSnr).as("SNR before the window").isGreaterThan(20);
    assertThat(tailSnr).as("SNR after the window").isGreaterThan(20);
    assertThat(insideSnr).as("SNR inside the window").isLessThan(6);
    // the new section sounds: it is not a silent gap
    double insideRms = 0;
    for (int i = s + margin; i < e - margin; i++) insideRms += after[i] * after[i];
    assertThat(10 * Math.log10(insideRms / (e - s - 2 * margin))).isGreaterThan(-40);
    // no click at either splice
    double around = Math.max(maxStep(after, s - 3 * 44100, s - margin), maxStep(after, e + margin, e + 3 * 44100));
    assertThat(maxStep(after, s - margin, s + margin)).isLessThanOrEqualTo(Math.max(around, maxStep(after, s + margin, e - margin)));
  }

  /** Signal-to-difference ratio of {@code b} against {@code a} over [from, to), in dB. */
  static double snrDb(float[] a, float[] b, int from, int to) {
    double signal = 0;
    double noise = 0;
    for (int i = Math.max(0, from); i < Math.min(Math.min(a.length, b.length), to); i++) {
      signal += a[i] * a[i];
      noise += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return 10 * Math.log10(signal / Math.max(noise, 1e-12));
  }

  @Test
  void a_persona_kept_from_the_song_sings_a_new_song_in_its_register() throws Exception {
    String audioId = songTrack.path("id").asText();
    String body = "{\"taskId\":\"%s\",\"audioId\":\"%s\",\"name\":\"Morning Voice\",\"description\":\"the singer of Morning Light\"}"
        .formatted(songTask, audioId);
    HttpResponse<String> kept = server.post("/api/v1/generate/generate-persona", body);
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    JsonNode persona = json(kept).path("data");
    String personaId = persona.path("personaId").asText();
    assertThat(personaId).startsWith("persona_");
    assertThat(persona.path("name").asText()).isEqualTo("Morning Voice");
    assertThat(persona.path("description").asText()).isEqualTo("the singer of Morning Light");
    HttpResponse<String> again = server.post("/suno/generate-persona", body);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("msg").asText()).isEqualTo("Persona already exists for this music");

    // the singer's register as aubio hears it, and a new song asked for the other voice, with and without the persona
    double source = medianPitch(download(stem(nativeClip(songTask, 0), "vocal"), "persona-source.wav"));
    String other = source >= 60 ? "m" : "f";
    String song =
        """
        {"customMode":true,"instrumental":false,"model":"V5","style":"pop rock, %d bpm","title":"New Day","vocalGender":"%s",%s
         "prompt":"[Verse]\\nA new day is rising slow\\nEvery light begins to glow","callBackUrl":"https://example.com/cb"}
        """;
    String withPersona = create("/api/v1/generate", song.formatted((int) BPM, other, "\"personaId\":\"" + personaId + "\","));
    String without = create("/api/v1/generate", song.formatted((int) BPM, other, ""));
    pollToSuccess(withPersona);
    pollToSuccess(without);
    double sung = medianPitch(download(stem(nativeClip(withPersona, 0), "vocal"), "persona-sung.wav"));
    double asked = medianPitch(download(stem(nativeClip(without, 0), "vocal"), "persona-none.wav"));
    assertThat(Math.abs(sung - source)).as("persona's singer at %.1f, source %.1f, without persona %.1f (MIDI)", sung, source, asked).isLessThanOrEqualTo(3);
    assertThat(Math.abs(asked - source)).as("without the persona, vocalGender %s moves the voice: %.1f vs %.1f", other, asked, source).isGreaterThanOrEqualTo(5);
  }

  /** The median pitch (MIDI) of the voiced frames {@code aubio pitch} finds. */
  static double medianPitch(Path file) throws Exception {
    List<Double> pitches = new ArrayList<>();
    for (String line : MediaFixtures.run(List.of("aubio", "pitch", "-m", "yinfft", "-u", "midi", "-s", "-60", file.toString())).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2) continue;
      double midi = Double.parseDouble(f[1]);
      if (midi >= 36 && midi <= 96) pitches.add(midi);
    }
    assertThat(pitches.size()).as("voiced frames in %s", file.getFileName()).isGreaterThan(100);
    pitches.sort(Double::compare);
    return pitches.get(pitches.size() / 2);
  }

  static double correlation(double[] a, double[] b) {
    double ma = java.util.Arrays.stream(a).average().orElse(0);
    double mb = java.util.Arrays.stream(b).average().orElse(0);
    double num = 0, da = 0, db = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - ma) * (b[i] - mb);
      da += (a[i] - ma) * (a[i] - ma);
      db += (b[i] - mb) * (b[i] - mb);
    }
    return num / Math.sqrt(da * db);
  }

  static String stem(JsonNode clip, String part) {
    Iterator<String> names = clip.path("stemUrls").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.toLowerCase(Locale.ROOT).contains(part)) {
        return clip.path("stemUrls").path(name).asText();
      }
    }
    throw new AssertionError("no " + part + " stem among " + clip.path("stemUrls"));
  }

  static JsonNode data(String taskId) {
    return json(server.get("/api/v1/generate/record-info?taskId=" + taskId)).path("data");
  }

  static List<String> callbackTypes(String taskId) throws Exception {
    List<String> types = new ArrayList<>();
    for (CallbackReceiver.Received received : callbacks.all()) {
      JsonNode payload = TestServer.JSON.readTree(received.body());
      if (payload.path("data").path("task_id").asText().equals(taskId)) {
        types.add(payload.path("data").path("callbackType").asText());
        if (payload.path("data").path("data").isArray() && !payload.path("data").path("data").isEmpty()) {
          assertThat(payload.path("data").path("data").get(0).has("audio_url")).isTrue();
        }
      }
    }
    return types;
  }

  static Path cut(Path file, double fromSeconds, String name) throws Exception {
    Path out = dir.resolve(name);
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-ss", String.format(Locale.ROOT, "%.3f", fromSeconds), "-i", file.toString(), out.toString()));
    return out;
  }

  static String bassStem(JsonNode clip) {
    Iterator<String> names = clip.path("stemUrls").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.toLowerCase(Locale.ROOT).contains("bass")) {
        return clip.path("stemUrls").path(name).asText();
      }
    }
    throw new AssertionError("no bass stem among " + clip.path("stemUrls"));
  }

  /** The pitch classes of a key named like "A minor" / "C# major" (natural minor). */
  static Set<Integer> scale(String key) {
    String[] parts = key.split(" ");
    List<String> names = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");
    List<String> flats = List.of("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B");
    int tonic = names.indexOf(parts[0]) >= 0 ? names.indexOf(parts[0]) : flats.indexOf(parts[0]);
    assertThat(tonic).as("tonic of %s", key).isNotNegative();
    int[] steps = parts[1].startsWith("min") ? new int[] {0, 2, 3, 5, 7, 8, 10} : new int[] {0, 2, 4, 5, 7, 9, 11};
    Set<Integer> pcs = new java.util.HashSet<>();
    for (int step : steps) pcs.add((tonic + step) % 12);
    return pcs;
  }

  /**
   * The share of the voiced frames {@code aubio pitch} finds after {@code fromSeconds} whose pitch
   * class is in {@code scale} (a bass line is monophonic: its pitch track is its notes).
   */
  static double inScale(Path file, Set<Integer> scale, double fromSeconds) throws Exception {
    int in = 0;
    int all = 0;
    for (String line : MediaFixtures.run(List.of("aubio", "pitch", "-m", "yinfft", "-B", "4096", "-H", "512", "-u", "midi", "-s", "-70", file.toString())).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2) continue;
      double time = Double.parseDouble(f[0]);
      double midi = Double.parseDouble(f[1]);
      if (time < fromSeconds || midi < 24 || midi > 96) continue;
      all++;
      if (scale.contains((int) Math.round(midi) % 12)) in++;
    }
    assertThat(all).as("aubio found a pitch in %s", file.getFileName()).isGreaterThan(100);
    return in / (double) all;
  }

  /** The pitch-class profile of what {@code aubio pitch} hears after {@code fromSeconds}: the share of voiced frames per class. */
  static double[] pitchClasses(Path file, double fromSeconds) throws Exception {
    double[] classes = new double[12];
    for (String line : MediaFixtures.run(List.of("aubio", "pitch", "-m", "yinfft", "-B", "4096", "-H", "512", "-u", "midi", "-s", "-70", file.toString())).split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2) continue;
      double midi = Double.parseDouble(f[1]);
      if (Double.parseDouble(f[0]) < fromSeconds || midi < 24 || midi > 96) continue;
      classes[(int) Math.round(midi) % 12]++;
    }
    return classes;
  }

  static double[] rotated(double[] x, int by) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) out[(i + by) % x.length] = x[i];
    return out;
  }

  static double maxStep(float[] x, int from, int to) {
    double max = 0;
    for (int i = Math.max(1, from); i < Math.min(x.length, to); i++) {
      max = Math.max(max, Math.abs(x[i] - x[i - 1]));
    }
    return max;
  }
}
