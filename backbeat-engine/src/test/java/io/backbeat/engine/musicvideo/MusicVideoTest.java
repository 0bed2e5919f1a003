package io.backbeat.engine.musicvideo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.backbeat.engine.WordTiming;
import io.backbeat.engine.encode.WavWriter;
import io.backbeat.engine.testing.MediaFixtures;
import io.backbeat.engine.testing.PictureFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A music video from a WAV on disk, judged by ffprobe and by frames ffmpeg pulls out of it. */
class MusicVideoTest {
  @TempDir Path dir;

  @Test
  void the_video_is_as_long_as_its_soundtrack_with_h264_and_aac_and_its_waveform_follows_the_audio() throws Exception {
    MediaFixtures.require("ffmpeg");
    int rate = 44100;
    int frames = rate * 5;
    float[][] pcm = new float[2][frames];
    // quiet for the first two seconds, loud after: the waveform must show the difference
    for (int i = 0; i < frames; i++) {
      float level = i < rate * 2 ? 0.02f : 0.9f;
      pcm[0][i] = pcm[1][i] = (float) (level * Math.sin(2 * Math.PI * 220 * i / rate));
    }
    Path wav = dir.resolve("clip.wav");
    WavWriter.write(wav, pcm, rate);
    BufferedImage cover = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = cover.createGraphics();
    g.setColor(new Color(40, 90, 160));
    g.fillRect(0, 0, 512, 512);
    g.dispose();
    List<WordTiming> words = List.of(new WordTiming("city", 0.5, 0.9), new WordTiming("lights", 1.0, 1.6), new WordTiming("calling", 3.0, 3.8));

    Path mp4 = dir.resolve("video.mp4");
    MusicVideo.render(new MusicVideo.Request(wav, cover, "Night Drive", "Backbeat", "example.com", words), mp4);

    Map<String, String> probe = PictureFixtures.probe(mp4);
    assertThat(PictureFixtures.stream(probe, "video").get("codec_name")).isEqualTo("h264");
    assertThat(PictureFixtures.stream(probe, "audio").get("codec_name")).isEqualTo("aac");
    assertThat(PictureFixtures.size(mp4)).containsExactly(1280, 720);
    assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(5.0, within(0.2));
    BufferedImage quiet = PictureFixtures.frame(mp4, 1.0);
    BufferedImage loud = PictureFixtures.frame(mp4, 4.0);
    // the waveform band (around the vertical middle) is far brighter when the audio is loud
    assertThat(brightness(loud, 260, 460)).isGreaterThan(brightness(quiet, 260, 460) + 10);
  }

  private static double brightness(BufferedImage image, int fromY, int toY) {
    double sum = 0;
    int n = 0;
    for (int y = fromY; y < toY; y += 2) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        int rgb = image.getRGB(x, y);
        sum += ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3.0;
        n++;
      }
    }
    return sum / n;
  }
}
