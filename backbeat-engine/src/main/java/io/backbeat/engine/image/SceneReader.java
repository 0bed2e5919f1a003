package io.backbeat.engine.image;

import io.backbeat.engine.prompt.Colour;
import io.backbeat.engine.prompt.Mood;
import io.backbeat.engine.prompt.PromptReader;
import io.backbeat.engine.prompt.PromptReading;
import io.backbeat.engine.prompt.TimeOfDay;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a prompt (English, or Chinese as qwen and wan prompts often are) into a {@link Scene}:
 * motifs from their words in the order the prompt names them, colours and moods (English through
 * {@link PromptReader}, Chinese from a short table here), light from time-of-day words, composition
 * and style from framing and style words. The negative prompt removes the motifs, styles and
 * colours it names. A prompt that names no motif gets a landscape for its light: sun or moon over
 * hills under a few clouds.
 */
public final class SceneReader {
  private static final int MAX_MOTIFS = 9;
  private static final Map<String, Integer> CHINESE_COLOURS = chineseColours();

  private SceneReader() {}

  public static Scene read(String prompt, String negativePrompt) {
    String text = prompt == null ? "" : prompt;
    String negative = negativePrompt == null ? "" : negativePrompt;
    Words words = new Words(text);
    Words not = new Words(negative);

    Set<SceneMotif> excludedMotifs = EnumSet.noneOf(SceneMotif.class);
    for (SceneMotif m : SceneMotif.values()) {
      if (not.mentions(m.words(), m.chinese())) {
        excludedMotifs.add(m);
      }
    }
    List<SceneMotif> motifs = motifsInOrder(words, excludedMotifs);

    PromptReading reading = PromptReader.read(text);
    Set<Mood> moods = new LinkedHashSet<>(reading.moods());
    moods.addAll(chineseMoods(text));

    Scene.Light light = light(reading, words, motifs, moods);
    Set<Scene.Weather> weather = weather(reading, words);
    weather.removeIf(w -> not.mentions(List.of(w.name().toLowerCase(Locale.ROOT)), List.of()));
    Set<ImageStyle> styles = EnumSet.noneOf(ImageStyle.class);
    for (ImageStyle s : ImageStyle.values()) {
      if (words.mentions(s.words(), s.chinese()) && !not.mentions(s.words(), s.chinese())) {
        styles.add(s);
      }
    }
    if (styles.contains(ImageStyle.NEON) && light == Scene.Light.DAY) {
      light = Scene.Light.NIGHT; // neon reads at night
    }
    if (motifs.isEmpty()) {
      motifs = defaults(light, excludedMotifs);
    }

    List<Color> named = new ArrayList<>();
    for (Colour c : reading.colours()) {
      named.add(new Color(c.rgb()));
    }
    named.addAll(chineseColours(text));
    List<Color> excluded = excludedColours(negative, not);
    named.removeIf(c -> excluded.stream().anyMatch(e -> similar(c, e)));

    ScenePalette palette = PaletteMaker.make(light, named, moods, styles, motifs);
    palette = palette.map(c -> ColourFilter.exclude(c, excluded));
    return new Scene(motifs, palette, light, composition(words, motifs), styles, weather, excluded);
  }

  private static List<SceneMotif> motifsInOrder(Words words, Set<SceneMotif> excluded) {
    Map<SceneMotif, Integer> first = new LinkedHashMap<>();
    for (SceneMotif m : SceneMotif.values()) {
      int at = words.firstIndex(m.words(), m.chinese());
      if (at >= 0 && !excluded.contains(m)) {
        first.put(m, at);
      }
    }
    // "sunflower" is a flower, not the sun; "sea" inside "seagull" is taken care of by whole words.
    if (first.containsKey(SceneMotif.SUN) && words.has("sunflower") && !words.has("sun") && !words.has("sunset")) {
      first.remove(SceneMotif.SUN);
    }
    // "palm trees" are palms
    if (first.containsKey(SceneMotif.PALM) && first.containsKey(SceneMotif.TREE)
        && (words.raw.contains("palm tree") || words.raw.contains("coconut tree"))
        && words.tokens.stream().filter(t -> t.equals("tree") || t.equals("trees")).count() == 1) {
      first.remove(SceneMotif.TREE);
    }
    return first.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .limit(MAX_MOTIFS)
        .toList();
  }

  private static List<SceneMotif> defaults(Scene.Light light, Set<SceneMotif> excluded) {
    List<SceneMotif> out = new ArrayList<>();
    out.add(light == Scene.Light.NIGHT ? SceneMotif.MOON : SceneMotif.SUN);
    out.add(SceneMotif.HILLS);
    out.add(light == Scene.Light.NIGHT ? SceneMotif.STARS : SceneMotif.CLOUDS);
    out.removeIf(excluded::contains);
    return out;
  }

  private static Scene.Light light(PromptReading reading, Words words, List<SceneMotif> motifs, Set<Mood> moods) {
    if (words.mentions(List.of("sunset", "dusk", "twilight", "evening", "sundown"), List.of("黄昏", "傍晚", "日落", "夕阳", "晚霞"))) {
      return Scene.Light.SUNSET;
    }
    if (words.mentions(List.of("sunrise", "dawn", "daybreak"), List.of("日出", "黎明", "清晨", "朝阳", "早晨"))) {
      return Scene.Light.DAWN;
    }
    if (words.mentions(List.of("night", "midnight", "nighttime", "moonlight", "moonlit"), List.of("夜", "晚上", "午夜", "深夜", "月光"))) {
      return Scene.Light.NIGHT;
    }
    if (reading.timeOfDay().isPresent()) {
      TimeOfDay t = reading.timeOfDay().get();
      return switch (t) {
        case DAWN -> Scene.Light.DAWN;
        case EVENING -> Scene.Light.SUNSET;
        case NIGHT -> Scene.Light.NIGHT;
        default -> Scene.Light.DAY;
      };
    }
    int moon = motifs.indexOf(SceneMotif.MOON);
    int sun = motifs.indexOf(SceneMotif.SUN);
    boolean nightSky = moon >= 0 || motifs.contains(SceneMotif.STARS) || motifs.contains(SceneMotif.GALAXY)
        || motifs.contains(SceneMotif.AURORA);
    if (nightSky && (sun < 0 || (moon >= 0 && moon < sun))) {
      return Scene.Light.NIGHT;
    }
    if (sun < 0 && moods.contains(Mood.DARK)) {
      return Scene.Light.NIGHT;
    }
    return Scene.Light.DAY;
  }

  private static Set<Scene.Weather> weather(PromptReading reading, Words words) {
    Set<Scene.Weather> out = EnumSet.noneOf(Scene.Weather.class);
    for (io.backbeat.engine.prompt.Weather w : reading.weather()) {
      switch (w) {
        case RAIN -> out.add(Scene.Weather.RAIN);
        case STORM -> { out.add(Scene.Weather.STORM); out.add(Scene.Weather.RAIN); }
        case SNOW -> out.add(Scene.Weather.SNOW);
        case FOG -> out.add(Scene.Weather.FOG);
        default -> { }
      }
    }
    if (words.mentions(List.of(), List.of("雨"))) {
      out.add(Scene.Weather.RAIN);
    }
    if (words.mentions(List.of(), List.of("雪花", "下雪", "大雪", "雪景", "冬雪"))) {
      out.add(Scene.Weather.SNOW);
    }
    if (words.mentions(List.of(), List.of("雾"))) {
      out.add(Scene.Weather.FOG);
    }
    if (words.mentions(List.of(), List.of("雷", "闪电", "暴风"))) {
      out.add(Scene.Weather.STORM);
      out.add(Scene.Weather.RAIN);
    }
    return out;
  }

  private static Scene.Composition composition(Words words, List<SceneMotif> motifs) {
    if (words.mentions(List.of("close-up", "closeup", "macro", "headshot", "portrait"), List.of("特写", "肖像", "头像"))) {
      return Scene.Composition.CLOSE_UP;
    }
    if (words.mentions(List.of("aerial", "bird's-eye", "drone", "overhead", "top-down"), List.of("航拍", "鸟瞰", "俯视"))) {
      return Scene.Composition.AERIAL;
    }
    if (words.mentions(List.of("wide", "panorama", "panoramic", "vast", "landscape", "wide-angle"), List.of("全景", "广角", "辽阔", "风景"))) {
      return Scene.Composition.WIDE;
    }
    if (words.mentions(List.of("symmetrical", "symmetric", "centered", "centred", "central"), List.of("对称", "居中"))) {
      return Scene.Composition.CENTRED;
    }
    return Scene.Composition.BALANCED;
  }

  private static List<Color> excludedColours(String negative, Words not) {
    List<Color> out = new ArrayList<>();
    for (Colour c : PromptReader.read(negative).colours()) {
      out.add(new Color(c.rgb()));
    }
    for (String token : not.tokens) {
      Colour.named(token).ifPresent(c -> out.add(new Color(c.rgb())));
    }
    out.addAll(chineseColours(negative));
    List<Color> distinct = new ArrayList<>();
    for (Color c : out) {
      if (distinct.stream().noneMatch(d -> d.getRGB() == c.getRGB())) {
        distinct.add(c);
      }
    }
    return distinct;
  }

  private static boolean similar(Color a, Color b) {
    if (!Colours.chromatic(a) || !Colours.chromatic(b)) {
      return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 90;
    }
    float ha = Color.RGBtoHSB(a.getRed(), a.getGreen(), a.getBlue(), null)[0];
    float hb = Color.RGBtoHSB(b.getRed(), b.getGreen(), b.getBlue(), null)[0];
    return Colours.hueDistance(ha, hb) < Colours.EXCLUDED_HUE_BAND;
  }

  private static List<Color> chineseColours(String text) {
    List<Map.Entry<Integer, Color>> found = new ArrayList<>();
    for (Map.Entry<String, Integer> e : CHINESE_COLOURS.entrySet()) {
      int at = text.indexOf(e.getKey());
      if (at >= 0) {
        found.add(Map.entry(at, new Color(e.getValue())));
      }
    }
    found.sort(Map.Entry.comparingByKey());
    return found.stream().map(Map.Entry::getValue).toList();
  }

  private static Set<Mood> chineseMoods(String text) {
    Set<Mood> out = new LinkedHashSet<>();
    String[][] table = {
      {"宁静 平静 安静 静谧 温馨", "CALM"}, {"快乐 开心 欢乐 喜悦 愉快", "HAPPY"}, {"浪漫 爱情", "ROMANTIC"},
      {"梦幻 奇幻 魔法 童话", "DREAMY"}, {"悲伤 忧郁 孤独 伤感", "SAD"}, {"黑暗 阴森 恐怖 诡异", "DARK"},
      {"史诗 壮丽 宏伟 壮观", "EPIC"}, {"神秘", "MYSTERIOUS"}, {"怀旧", "NOSTALGIC"}, {"活力 激情 热烈", "ENERGETIC"},
      {"希望 励志", "UPLIFTING"}
    };
    for (String[] row : table) {
      for (String w : row[0].split(" ")) {
        if (text.contains(w)) {
          out.add(Mood.valueOf(row[1]));
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> chineseColours() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("红", 0xD62828);
    m.put("橙", 0xF77F00);
    m.put("黄", 0xFFD60A);
    m.put("绿", 0x2E9E4F);
    m.put("青", 0x00A3A3);
    m.put("蓝", 0x1E5AD6);
    m.put("紫", 0x7B2CBF);
    m.put("粉", 0xFF8FAB);
    m.put("金", 0xD4AF37);
    m.put("银", 0xC0C0C8);
    m.put("棕", 0x7B4B2A);
    m.put("灰", 0x8A8F98);
    m.put("白色", 0xFFFFFF);
    m.put("黑色", 0x111111);
    return m;
  }

  /** The words of a text: lower-case English tokens (with singular forms) and the raw text for Chinese. */
  static final class Words {
    final String raw;
    final List<String> tokens = new ArrayList<>();

    Words(String text) {
      this.raw = text.toLowerCase(Locale.ROOT);
      for (String t : raw.split("[^\\p{IsLatin}0-9'-]+")) {
        if (!t.isBlank()) {
          tokens.add(t.replaceAll("^[-']+|[-']+$", ""));
        }
      }
    }

    boolean has(String word) {
      return tokens.contains(word);
    }

    boolean mentions(List<String> english, List<String> chinese) {
      return firstIndex(english, chinese) >= 0;
    }

    /** Where the first of the words appears, in characters of the text; -1 when none does. */
    int firstIndex(List<String> english, List<String> chinese) {
      int best = Integer.MAX_VALUE;
      int position = 0;
      for (String token : tokens) {
        int at = raw.indexOf(token, position);
        position = at >= 0 ? at + token.length() : position;
        if ((english.contains(token) || english.contains(singular(token))) && at >= 0) {
          best = Math.min(best, at);
          break;
        }
      }
      for (String phrase : english) {
        if (phrase.indexOf('-') > 0 || phrase.indexOf('\'') > 0) {
          int at = raw.indexOf(phrase);
          if (at >= 0) {
            best = Math.min(best, at);
          }
        }
      }
      for (String c : chinese) {
        if (!c.isEmpty()) {
          int at = raw.indexOf(c);
          if (at >= 0) {
            best = Math.min(best, at);
          }
        }
      }
      return best == Integer.MAX_VALUE ? -1 : best;
    }

    static String singular(String w) {
      if (w.length() > 4 && w.endsWith("ies")) {
        return w.substring(0, w.length() - 3) + "y";
      }
      if (w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses"))) {
        return w.substring(0, w.length() - 2);
      }
      if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
        return w.substring(0, w.length() - 1);
      }
      if (w.endsWith("ves") && w.length() > 4) {
        return w.substring(0, w.length() - 3) + "f";
      }
      return w;
    }
  }
}
