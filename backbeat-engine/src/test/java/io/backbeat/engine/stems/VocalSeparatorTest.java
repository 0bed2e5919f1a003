package io.backbeat.engine.stems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.encode.WavReader;
import io.backbeat.engine.testing.MediaFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording FFmpeg generated: a centred "voice" (a 330 Hz tone with overtones) over a bass tone
 * panned left and noise hats panned right. FFmpeg's {@code astats} measures each component's band
 * in the outputs.
 */
class VocalSeparatorTest {
  @TempDir Path dir;

  private static final String VOICE = "0.2*(sin(2*PI*330*t)+0.5*sin(2*PI*660*t)+0.3*sin(2*PI*990*t))";
  private static final String BASS = "0.25*(sin(2*PI*110*t)+0.5*sin(2*PI*55*t))";
  private static final String HATS = "0.1*(2*random(0)-1)*exp(-mod(t,0.25)/0.02)";

  @Test
  void the_centred_voice_goes_to_the_vocal_and_the_panned_parts_to_the_instrumental_and_they_sum_back() throws Exception {
    Path mix = MediaFixtures.generate(dir.resolve("mix.wav"), VOICE + "+" + BASS + "|" + VOICE + "+" + HATS, 12);
    Path vocal = dir.resolve("vocal.wav");
    Path instrumental = dir.resolve("instrumental.wav");

    VocalSeparator.Result result = VocalSeparator.separate(mix, vocal, instrumental);

    try (WavReader in = new WavReader(mix); WavReader v = new WavReader(vocal); WavReader i = new WavReader(instrumental)) {
      assertThat(result.frames()).isEqualTo(in.frames());
      assertThat(v.frames()).isEqualTo(in.frames());
      assertThat(i.frames()).isEqualTo(in.frames());
    }
    // steep bands (filters cascaded) so one component's measurement does not pick up another's
    String voiceBand = "highpass=f=250,highpass=f=250,highpass=f=250,lowpass=f=1200,lowpass=f=1200";
    String bassBand = "lowpass=f=150,lowpass=f=150,lowpass=f=150";
    String hatBand = "highpass=f=9000,highpass=f=9000";
    double voiceIn = MediaFixtures.rmsDb(mix, voiceBand);
    double voiceInVocal = MediaFixtures.rmsDb(vocal, voiceBand);
    double voiceInInstrumental = MediaFixtures.rmsDb(instrumental, voiceBand);
    double bassIn = MediaFixtures.rmsDb(mix, bassBand);
    double bassInVocal = MediaFixtures.rmsDb(vocal, bassBand);
    double hatsIn = MediaFixtures.rmsDb(mix, hatBand);
    double hatsInVocal = MediaFixtures.rmsDb(vocal, hatBand);
    System.out.printf("voice %.1f → vocal %.1f, instrumental %.1f; bass %.1f → vocal %.1f; hats %.1f → vocal %.1f%n",
        voiceIn, voiceInVocal, voiceInInstrumental, bassIn, bassInVocal, hatsIn, hatsInVocal);
    assertThat(voiceInVocal).isCloseTo(voiceIn, within(2.0));
    assertThat(voiceInInstrumental).isLessThan(voiceIn - 12);
    assertThat(bassInVocal).isLessThan(bassIn - 20);
    assertThat(hatsInVocal).isLessThan(hatsIn - 20);

    // the instrumental is the recording minus the vocal: they sum back
    float[][] x = WavReader.readAll(mix);
    float[][] v = WavReader.readAll(vocal);
    float[][] r = WavReader.readAll(instrumental);
    double worst = 0;
    for (int c = 0; c < 2; c++) {
      for (int n = 0; n < x[c].length; n++) {
        worst = Math.max(worst, Math.abs(x[c][n] - v[c][n] - r[c][n]));
      }
    }
    assertThat(worst).isLessThanOrEqualTo(2 / 32767.0);
  }
}
