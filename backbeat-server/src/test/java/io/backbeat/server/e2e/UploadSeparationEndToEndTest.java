package io.backbeat.server.e2e;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.server.testing.FixtureServer;
import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vocal removal of a track that holds an uploaded recording, end to end: FFmpeg makes a recording
 * (a centred "voice" tone with overtones, a bass tone panned left, noise hats panned right), a
 * loopback server serves it, upload-extend continues it (instrumentally, so every vocal in the
 * track is the recording's), and {@code separate_vocal} of that track splits the recording by
 * spectral masking. FFmpeg's {@code astats} judges the two halves over the recording's part of the
 * track: the voice's band lands in the vocal, the bass's and the hats' in the instrumental. The
 * task's canonical result says the split is approximate, as the README documents.
 */
@Tag("e2e")
class UploadSeparationEndToEndTest {
  private static final String VOICE = "0.2*(sin(2*PI*330*t)+0.5*sin(2*PI*660*t)+0.3*sin(2*PI*990*t))";
  private static final String BASS = "0.25*(sin(2*PI*110*t)+0.5*sin(2*PI*55*t))";
  private static final String HATS = "0.1*(2*random(0)-1)*exp(-mod(t,0.25)/0.02)";
  /** The recording's own stretch of the track, clear of the crossfade into the continuation. */
  private static final String RECORDING = "atrim=1:9,";
  private static final String VOICE_BAND = "highpass=f=250,highpass=f=250,highpass=f=250,lowpass=f=1200,lowpass=f=1200";
  private static final String BASS_BAND = "lowpass=f=150,lowpass=f=150,lowpass=f=150";
  private static final String HAT_BAND = "highpass=f=9000,highpass=f=9000";

  @TempDir static Path dir;
  static FixtureServer files;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    MediaFixtures.require("ffmpeg");
    files = new FixtureServer();
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    files.close();
  }

  @Test
  void separate_vocal_of_an_uploaded_recording_puts_the_centred_voice_in_the_vocal_and_the_rest_in_the_instrumental() throws Exception {
    Path recording = MediaFixtures.generate(dir.resolve("recording.flac"), VOICE + "+" + BASS + "|" + VOICE + "+" + HATS, 14);
    files.file("/recording.flac", recording, "audio/flac");
    String extend =
        create(
            "/api/v1/generate/upload-extend",
            """
            {"uploadUrl":"%s","defaultParamFlag":true,"instrumental":true,"model":"V5","style":"ambient","title":"Apart",
             "continueAt":12,"callBackUrl":"https://example.com/cb"}
            """.formatted(files.url("/recording.flac")));
    JsonNode song =
        server.pollUntil(
            "/api/v1/generate/record-info?taskId=" + extend,
            j -> !List.of("PENDING", "TEXT_SUCCESS", "FIRST_SUCCESS").contains(j.path("data").path("status").asText()),
            Duration.ofMinutes(5));
    assertThat(song.path("data").path("status").asText()).as(song.toString()).isEqualTo("SUCCESS");
    String audioId = song.path("data").path("response").path("sunoData").get(0).path("id").asText();

    String removal =
        create(
            "/api/v1/vocal-removal/generate",
            "{\"taskId\":\"" + extend + "\",\"audioId\":\"" + audioId + "\",\"type\":\"separate_vocal\",\"callBackUrl\":\"https://example.com/cb\"}");
    JsonNode done =
        server.pollUntil(
            "/api/v1/vocal-removal/record-info?taskId=" + removal,
            j -> !j.path("data").path("successFlag").asText().equals("PENDING"),
            Duration.ofMinutes(5));
    assertThat(done.path("data").path("successFlag").asText()).as(done.toString()).isEqualTo("SUCCESS");
    JsonNode response = done.path("data").path("response");
    Path vocal = download(response.path("vocalUrl").asText(), "vocal.wav");
    Path instrumental = download(response.path("instrumentalUrl").asText(), "instrumental.wav");
    Path mix = download(response.path("originUrl").asText(), "mix.mp3");

    // the split of a recording we did not render is approximate, and the canonical result says so
    assertThat(json(server.get("/v1/tasks/" + removal)).path("result").path("approximate").asBoolean()).isTrue();

    double voiceInMix = MediaFixtures.rmsDb(mix, RECORDING + VOICE_BAND);
    double voiceInVocal = MediaFixtures.rmsDb(vocal, RECORDING + VOICE_BAND);
    double voiceInInstrumental = MediaFixtures.rmsDb(instrumental, RECORDING + VOICE_BAND);
    double bassInMix = MediaFixtures.rmsDb(mix, RECORDING + BASS_BAND);
    double bassInVocal = MediaFixtures.rmsDb(vocal, RECORDING + BASS_BAND);
    double bassInInstrumental = MediaFixtures.rmsDb(instrumental, RECORDING + BASS_BAND);
    double hatsInMix = MediaFixtures.rmsDb(mix, RECORDING + HAT_BAND);
    double hatsInVocal = MediaFixtures.rmsDb(vocal, RECORDING + HAT_BAND);
    String levels =
        String.format(
            "voice %.1f → vocal %.1f / instrumental %.1f; bass %.1f → vocal %.1f / instrumental %.1f; hats %.1f → vocal %.1f (dBFS)",
            voiceInMix, voiceInVocal, voiceInInstrumental, bassInMix, bassInVocal, bassInInstrumental, hatsInMix, hatsInVocal);
    System.out.println(levels);
    // both halves are real audio
    assertThat(MediaFixtures.rmsDb(vocal, RECORDING + "anull")).as(levels).isGreaterThan(-40);
    assertThat(MediaFixtures.rmsDb(instrumental, RECORDING + "anull")).as(levels).isGreaterThan(-40);
    // the energy split follows the input (measured: voice 30 dB down in the instrumental, bass 37 dB
    // and hats 50 dB down in the vocal): the voice in the vocal, the panned parts in the instrumental
    assertThat(voiceInVocal).as(levels).isGreaterThan(voiceInMix - 3);
    assertThat(voiceInInstrumental).as(levels).isLessThan(voiceInVocal - 20);
    assertThat(bassInInstrumental).as(levels).isGreaterThan(bassInMix - 3);
    assertThat(bassInVocal).as(levels).isLessThan(bassInInstrumental - 25);
    assertThat(hatsInVocal).as(levels).isLessThan(hatsInMix - 25);
  }

  private static String create(String path, String body) {
    HttpResponse<String> created = server.post(path, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(json(created).path("code").asInt()).as(created.body()).isEqualTo(200);
    return json(created).path("data").path("taskId").asText();
  }

  private static Path download(String url, String name) throws Exception {
    Path file = dir.resolve(name);
    HttpResponse<Path> response = server.client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return file;
  }
}
