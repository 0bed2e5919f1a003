package io.backbeat.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.testing.MediaFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads in every common format decode to 44.1 kHz stereo of their length; bad ones are refused early. */
class SourceDecoderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"mp3", "wav", "flac", "ogg", "m4a"})
  void each_common_format_decodes_to_44k1_stereo_of_its_length(String format) throws Exception {
    // 48 kHz mono in: resampled and doubled on the way
    Path file = dir.resolve("tone." + format);
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6", "-ac", "1",
        file.toString()));
    double length = MediaFixtures.duration(file);

    SourceAudio audio = SourceDecoder.decode(file, dir.resolve(format + ".wav"), Duration.ofSeconds(60));

    assertThat(audio.durationSeconds()).isCloseTo(length, within(0.06));
    assertThat(audio.durationSeconds()).isCloseTo(6, within(0.1));
    assertThat(audio.analysisRate()).isEqualTo(SourceAudio.SAMPLE_RATE / 4);
    assertThat(audio.analysis().length).isCloseTo((int) (audio.frames() / 4), within(2));
    try (WavReader wav = new WavReader(audio.wav())) {
      assertThat(wav.sampleRate()).isEqualTo(44100);
      assertThat(wav.channels()).isEqualTo(2);
      assertThat(wav.frames()).isEqualTo(audio.frames());
    }
    // ffprobe agrees on the decoded file's length
    assertThat(MediaFixtures.duration(audio.wav())).isCloseTo(audio.durationSeconds(), within(1e-3));
    // the tone is in both channels at its level: FFmpeg's sine is at 1/8 of full scale, −21.1 dBFS RMS
    assertThat(MediaFixtures.rmsDb(audio.wav(), "pan=mono|c0=c0")).isCloseTo(-21.1, within(0.5));
    assertThat(MediaFixtures.rmsDb(audio.wav(), "pan=mono|c0=c1")).isCloseTo(-21.1, within(0.5));
  }

  @Test
  void a_recording_whose_header_says_it_is_too_long_is_refused_before_decoding() throws Exception {
    Path file = MediaFixtures.generate(dir.resolve("long.flac"), "0.1*sin(2*PI*440*t)", 65);
    Path wav = dir.resolve("long.wav");
    assertThatThrownBy(() -> SourceDecoder.decode(file, wav, Duration.ofSeconds(60)))
        .isInstanceOf(AudioTooLongException.class)
        .hasMessageContaining("65.0 s long; at most 60.0 s");
    assertThat(wav).doesNotExist();
  }

  @Test
  void a_recording_whose_header_understates_its_length_is_stopped_while_decoding() throws Exception {
    // a VBR MP3 without a Xing header: 3 s of noise, then silence; the length is estimated from the
    // first frames' high bitrate, so its 80 seconds are declared as under 20
    Path vbr = MediaFixtures.generate(dir.resolve("vbr.mp3"), "if(lt(t,3),0.5*(2*random(0)-1),0)", 80, "-q:a", "0", "-write_xing", "0", "-id3v2_version", "0");
    assertThat(MediaFixtures.duration(vbr)).isLessThan(30);
    assertThatThrownBy(() -> SourceDecoder.decode(vbr, dir.resolve("vbr.wav"), Duration.ofSeconds(60)))
        .isInstanceOf(AudioTooLongException.class)
        .hasMessageContaining("longer than 60.5 s");
    assertThat(dir.resolve("vbr.wav")).doesNotExist();
  }

  @Test
  void a_playlist_naming_a_real_local_recording_is_not_followed() throws Exception {
    Path real = MediaFixtures.generate(dir.resolve("real.wav"), "0.1*sin(2*PI*440*t)", 3);
    // relative names: FFmpeg's concat demuxer (in its default "safe" mode) would open this one
    Path playlist = Files.writeString(dir.resolve("upload.mp3"), "#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3,\n" + real.getFileName() + "\n#EXT-X-ENDLIST\n");
    Path concat = Files.writeString(dir.resolve("upload.ogg"), "ffconcat version 1.0\nfile " + real.getFileName() + "\n");
    assertThatThrownBy(() -> SourceDecoder.decode(playlist, dir.resolve("p.wav"), Duration.ofSeconds(60))).isInstanceOf(NotAudioException.class);
    assertThatThrownBy(() -> SourceDecoder.decode(concat, dir.resolve("c.wav"), Duration.ofSeconds(60))).isInstanceOf(NotAudioException.class);
  }

  @Test
  void text_an_image_and_an_empty_file_are_not_audio() throws Exception {
    Path text = Files.writeString(dir.resolve("page.mp3"), "<html><body>hello</body></html>");
    Path image = dir.resolve("picture.png");
    MediaFixtures.run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=1", "-frames:v", "1", image.toString()));
    Path empty = Files.createFile(dir.resolve("empty.wav"));
    for (Path file : List.of(text, image, empty)) {
      assertThatThrownBy(() -> SourceDecoder.decode(file, dir.resolve(file.getFileName() + ".wav"), Duration.ofSeconds(60)))
          .as(file.getFileName().toString())
          .isInstanceOf(NotAudioException.class);
    }
  }
}
