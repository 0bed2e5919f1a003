package io.backbeat.core.testkit;

import io.backbeat.core.task.spec.AddInstrumentalSpec;
import io.backbeat.core.task.spec.AddVocalsSpec;
import io.backbeat.core.task.spec.ClipRef;
import io.backbeat.core.task.spec.Composition;
import io.backbeat.core.task.spec.CoverArtSpec;
import io.backbeat.core.task.spec.ExtendSpec;
import io.backbeat.core.task.spec.ImageSpec;
import io.backbeat.core.task.spec.LyricsSpec;
import io.backbeat.core.task.spec.MusicVideoSpec;
import io.backbeat.core.task.spec.PersonaSpec;
import io.backbeat.core.task.spec.ReplaceSectionSpec;
import io.backbeat.core.task.spec.Shaping;
import io.backbeat.core.task.spec.SongSpec;
import io.backbeat.core.task.spec.StemsSpec;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.TimestampedLyricsSpec;
import io.backbeat.core.task.spec.UploadCoverSpec;
import io.backbeat.core.task.spec.UploadExtendSpec;
import io.backbeat.core.task.spec.VideoSpec;
import io.backbeat.core.task.spec.VocalGender;
import io.backbeat.core.task.spec.WavSpec;
import java.util.List;

/** Specs for tests: one of every kind, with every optional field filled where it has one. */
public final class TestSpecs {
  public static final String CALLBACK = "https://example.com/callback";

  private TestSpecs() {}

  public static LyricsSpec lyrics(String prompt) {
    return new LyricsSpec(prompt, CALLBACK);
  }

  public static SongSpec song(String prompt) {
    return new SongSpec("V5", new Composition(prompt, null, null, null, false, Shaping.NONE), 480, CALLBACK);
  }

  public static Composition customComposition() {
    return new Composition(
        null, "[Verse]\nla la la", "Night Drive", "synthwave, 100 bpm", false,
        new Shaping("heavy metal", VocalGender.FEMALE, 0.5, 0.25, 0.75, "persona-1"));
  }

  /** One spec of every kind, for round trips. */
  public static List<TaskSpec> everyKind() {
    ClipRef clip = new ClipRef("0123456789abcdef0123456789abcdef", "clip-1");
    return List.of(
        song("a song about tests"),
        new SongSpec("V4", customComposition(), 240, CALLBACK),
        new ExtendSpec("V5", clip, 42.5, customComposition(), CALLBACK),
        new ExtendSpec("V5", clip, null, null, CALLBACK),
        new UploadCoverSpec("V4_5ALL", "https://example.com/in.mp3", 60, customComposition(), CALLBACK),
        new UploadExtendSpec("V5", "https://example.com/in.wav", 480, 12.0, null, CALLBACK),
        new AddVocalsSpec("V4_5PLUS", "https://example.com/inst.mp3", 480, customComposition(), CALLBACK),
        new AddInstrumentalSpec("V5", "https://example.com/vox.mp3", 480, customComposition(), CALLBACK),
        new ReplaceSectionSpec("V5", clip, 10.0, 30.5, customComposition(), CALLBACK),
        lyrics("rain in Lisbon"),
        new TimestampedLyricsSpec(clip),
        new StyleBoostSpec("pop, mysterious"),
        new PersonaSpec(clip, "Nora", "airy alto", 0.0, 30.0, "indie folk"),
        new CoverArtSpec(clip.taskId(), CALLBACK),
        new WavSpec(clip, CALLBACK),
        new StemsSpec(clip, StemsSpec.Separation.ALL_STEMS, CALLBACK),
        new MusicVideoSpec(clip, "The Testers", "backbeat.example", CALLBACK),
        new ImageSpec("qwen-image-plus", "a red fox in snow", "blurry", 1328, 1328, 1, 42L, true, false,
            List.of("https://example.com/ref.png"), "png", null),
        new VideoSpec("wan2.2-t2v-plus", "waves at dusk", null, 1280, 720, 5.0, 24, "https://example.com/first.png", null,
            "https://example.com/a.mp3", List.of(), 7L, false, true, CALLBACK));
  }
}
