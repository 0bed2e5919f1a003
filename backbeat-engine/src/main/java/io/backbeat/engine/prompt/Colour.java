package io.backbeat.engine.prompt;

import java.awt.Color;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A colour a prompt names, as written ("teal", "light blue", "neon pink", "midnight blue") with
 * an sRGB value a picture can use. Modifiers shift the base colour: light, pale, pastel and soft
 * towards white; dark and deep towards black; bright, vivid, neon and electric more saturated;
 * muted, dusty and faded less.
 *
 * @param rgb {@code 0xRRGGBB}
 */
public record Colour(String name, int rgb) {
  private static final Map<String, Integer> BASE = new HashMap<>();
  private static final Map<String, Integer> COMPOUND = new HashMap<>();
  private static final Map<String, String> ISH = new HashMap<>();
  /** Colour words that are also everyday nouns: colours only before a noun or after a modifier. */
  static final Set<String> AMBIGUOUS =
      Set.of("rose", "gold", "silver", "orange", "olive", "lime", "peach", "rust", "coral", "cream",
          "chocolate", "amber", "honey", "wine", "cherry", "plum", "mint", "sage", "sand", "slate",
          "ivory", "ebony", "jade", "emerald", "ruby", "sapphire", "pearl", "copper", "bronze",
          "charcoal", "lavender", "lilac", "violet", "navy", "tan", "lemon", "apricot", "tangerine",
          "mustard", "amethyst", "cobalt", "azure");
  static final Set<String> MODIFIERS =
      Set.of("light", "pale", "pastel", "soft", "dark", "deep", "bright", "vivid", "neon",
          "electric", "hot", "muted", "dusty", "faded");

  static {
    base(0xD62828, "red");
    base(0xDC143C, "crimson");
    base(0xFF2400, "scarlet");
    base(0x800000, "maroon");
    base(0x800020, "burgundy");
    base(0x722F37, "wine");
    base(0xD2042D, "cherry");
    base(0xE0115F, "ruby");
    base(0xFF8FAB, "pink");
    base(0xE77C8D, "rose");
    base(0xD81B9C, "magenta");
    base(0xFF00A8, "fuchsia");
    base(0x7B2CBF, "purple");
    base(0x8F5CD6, "violet");
    base(0xB9A6E0, "lavender");
    base(0xC8A2C8, "lilac");
    base(0x8E4585, "plum");
    base(0x4B0082, "indigo");
    base(0x9966CC, "amethyst");
    base(0x1E5AD6, "blue");
    base(0x1B2A4A, "navy");
    base(0x3A8DFF, "azure");
    base(0x0047AB, "cobalt");
    base(0x0F52BA, "sapphire");
    base(0x00B7EB, "cyan");
    base(0x30D5C8, "turquoise");
    base(0x008080, "teal");
    base(0x00CED1, "aqua");
    base(0x2E9E4F, "green");
    base(0x50C878, "emerald");
    base(0x00A86B, "jade");
    base(0x708238, "olive");
    base(0x9BE22D, "lime");
    base(0x98E2C6, "mint");
    base(0x9CAF88, "sage");
    base(0xFFD60A, "yellow");
    base(0xD4AF37, "gold");
    base(0xE6B422, "golden");
    base(0xFFBF00, "amber");
    base(0xE1AD01, "mustard");
    base(0xFFF44F, "lemon");
    base(0xE8B04B, "honey");
    base(0xF77F00, "orange");
    base(0xF28500, "tangerine");
    base(0xFFB38A, "peach");
    base(0xFF7F50, "coral");
    base(0xFBCEB1, "apricot");
    base(0xB7410E, "rust");
    base(0xB87333, "copper");
    base(0xCD7F32, "bronze");
    base(0x7B4B2A, "brown");
    base(0x5C3317, "chocolate");
    base(0xD2B48C, "tan");
    base(0xE8DCC4, "beige");
    base(0xD8C29D, "sand");
    base(0xFFF5DA, "cream");
    base(0xFFFFF0, "ivory");
    base(0xFFFFFF, "white");
    base(0xF0EAD6, "pearl");
    base(0xC0C0C8, "silver");
    base(0x8A8F98, "grey");
    base(0x8A8F98, "gray");
    base(0x36454F, "charcoal");
    base(0x5A6B7B, "slate");
    base(0x111111, "black");
    base(0x27231F, "ebony");

    compound(0x87CEEB, "sky blue");
    compound(0x191970, "midnight blue");
    compound(0x1B2A4A, "navy blue");
    compound(0x89CFF0, "baby blue");
    compound(0x4169E1, "royal blue");
    compound(0x8A0303, "blood red");
    compound(0xD2042D, "cherry red");
    compound(0x228B22, "forest green");
    compound(0x2E8B57, "sea green");
    compound(0x32CD32, "lime green");
    compound(0x708238, "olive green");
    compound(0xB76E79, "rose gold");
    compound(0xFF69B4, "hot pink");
    compound(0xF4C2C2, "baby pink");
    compound(0xCC5500, "burnt orange");
    compound(0x0A0A0A, "jet black");
    compound(0xFFFAFA, "snow white");
    compound(0xF5F3EE, "off white");

    for (String c : new String[] {"blue", "red", "green", "yellow", "purple", "pink", "grey", "gray",
        "brown", "black", "white", "orange"}) {
      String stem = switch (c) {
        case "red" -> "redd";
        case "purple" -> "purpl";
        case "blue" -> "blu";
        case "white" -> "whit";
        case "orange" -> "orang";
        default -> c;
      };
      ISH.put(stem + "ish", c);
    }
  }

  private static void base(int rgb, String name) {
    BASE.put(name, rgb);
  }

  private static void compound(int rgb, String name) {
    COMPOUND.put(name, rgb);
  }

  /**
   * A colour from words such as "teal", "light blue", "neon pink" or "midnight blue"; empty when
   * the words name no colour.
   */
  public static Optional<Colour> named(String words) {
    String[] w = words.strip().toLowerCase(Locale.ROOT).split("[\\s-]+");
    if (w.length == 1) {
      return Optional.ofNullable(base(w[0])).map(b -> new Colour(b, BASE.get(b)));
    }
    if (w.length == 2) {
      Integer compound = COMPOUND.get(w[0] + " " + w[1]);
      if (compound != null) {
        return Optional.of(new Colour(w[0] + " " + w[1], compound));
      }
      String b = base(w[1]);
      if (b != null && MODIFIERS.contains(w[0])) {
        return Optional.of(modified(w[0], b));
      }
    }
    return Optional.empty();
  }

  /** The base colour word for a word ("bluish" → "blue"), or null. */
  static String base(String lower) {
    if (BASE.containsKey(lower)) {
      return lower;
    }
    return ISH.get(lower);
  }

  static boolean isCompound(String first, String second) {
    return COMPOUND.containsKey(first + " " + second);
  }

  static Colour compound(String first, String second) {
    return new Colour(first + " " + second, COMPOUND.get(first + " " + second));
  }

  /** {@code base} shifted by {@code modifier} (null for none). */
  static Colour modified(String modifier, String base) {
    int rgb = BASE.get(base);
    if (modifier == null) {
      return new Colour(base, rgb);
    }
    float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
    int shifted = switch (modifier) {
      case "light", "soft" -> mix(rgb, 0xFFFFFF, 0.45);
      case "pale", "pastel" -> mix(rgb, 0xFFFFFF, 0.6);
      case "dark", "deep" -> mix(rgb, 0x000000, 0.4);
      case "bright", "vivid", "neon", "electric", "hot" ->
          Color.HSBtoRGB(hsb[0], Math.min(1f, hsb[1] * 1.25f + 0.1f), Math.min(1f, hsb[2] * 1.15f + 0.1f)) & 0xFFFFFF;
      case "muted", "dusty", "faded" ->
          Color.HSBtoRGB(hsb[0], hsb[1] * 0.55f, hsb[2] * 0.9f) & 0xFFFFFF;
      default -> rgb;
    };
    return new Colour(modifier + " " + base, shifted);
  }

  private static int mix(int a, int b, double t) {
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
    int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
    return (r << 16) | (g << 8) | bl;
  }

  public Color toColor() {
    return new Color(rgb);
  }

  @Override
  public String toString() {
    return name + " #" + String.format("%06X", rgb);
  }
}
