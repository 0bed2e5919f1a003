package io.backbeat.engine.lyrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line templates, by the sections they suit and the mood they carry.
 *
 * <p>Each row is {@code ROLES MOOD pattern}. Roles: V verse, P pre-chorus, C chorus, B bridge, O
 * outro. Mood: {@code +} bright, {@code -} wistful or dark, {@code *} either. Slots filled from the
 * prompt: {name} a person or pet, {place} ("Tokyo", "the beach"), {inplace} the place with its
 * preposition ("in Tokyo", "on the beach"), {city} a named place only (for "goodnight, {city}"),
 * {thing} ("the waves", "my dog"), {bare} an abstract noun without article ("heartbreak"), {act}
 * ("chasing waves"), {adj}, {phrase} ("the rainy Tokyo night"). Slots filled from the theme
 * imagery: {img}/{img2} any noun, {imgs} a singular noun, {imgp} a plural one, {iadj}, {verb},
 * {ving}. A line ends either on literal words (whose rhyme family is looked up) or on a rhyme slot
 * {n}, {a}, {v} or {x} (see {@link RhymeBank}).
 */
final class LineBank {
  enum Role {
    VERSE('V'),
    PRE('P'),
    CHORUS('C'),
    BRIDGE('B'),
    OUTRO('O');

    final char code;

    Role(char code) {
      this.code = code;
    }
  }

  /**
   * One row of the table. {@code usesPrompt} (a slot is filled from the prompt) is worked out once
   * here: the songwriter weighs every template of a role for each line it writes.
   */
  record Template(
      String roles,
      char mood,
      String pattern,
      RhymeBank.Slot end,
      List<String> slots,
      boolean usesPrompt) {
    Template(String roles, char mood, String pattern, RhymeBank.Slot end, List<String> slots) {
      this(roles, mood, pattern, end, slots, slots.stream().anyMatch(PROMPT_SLOTS::contains));
    }

    boolean fits(Role role, char songMood) {
      return roles.indexOf(role.code) >= 0 && (mood == '*' || songMood == '*' || mood == songMood);
    }

    /** Consistent with the record's equality; the pattern alone tells rows apart cheaply. */
    @Override
    public int hashCode() {
      return pattern.hashCode() * 31 + roles.hashCode();
    }
  }

  static final List<String> PROMPT_SLOTS =
      List.of("name", "place", "inplace", "city", "thing", "sthing", "bare", "act", "adj", "phrase");

  private static final String TABLE =
      """
      V * I was {ving} through {place} in the {n}
      V * {name} and me beneath the {n}
      V * {name}, you were {ving} in the {n}
      V * {name} never cared about the {n}
      V * every step with {name} feels {a}
      V * we walked along {place} in the {n}
      V * there's a {iadj} light over {place}
      V * {act} until the {n}
      V * {act}, we were {a}
      V * I still see us {act}
      V * {name} {act} by the {o}
      V * {thing} in the {iadj} {n}
      V * the {img} kept {ving} in the {n}
      V * {place} kept {ving} in the {n}
      V * lost inside {phrase}
      V * I found you in {phrase}
      V * we were young {inplace}
      V * I left my heart {inplace}
      V * {name} was always by my side
      V * the {imgs} remembers {name}
      V * I can hear the {img} {v}
      V * I watch the {img} {v}
      V * we would {verb} until the {n}
      V * {thing} taught me how to {v}
      V * {name} taught me how to {v}
      V * {place} taught me how to {v}
      V * I keep {ving} back to {place}
      V * I keep thinking of {thing}
      V * {sthing} was all I ever knew
      V * {name} was all I ever knew
      V * I wrote your name on the {o}
      V * the radio was playing low
      V * woke up with {thing} on my mind
      V * woke up with {name} on my mind
      V * {place} on my mind
      V * driving out to {place}
      V * same old {img} and the same old {n}
      V * the {imgs} is {ving} slow
      V * {thing} hanging in the {n}
      V * I've been {ving} for so long
      V * {name}, you know the way
      V * footsteps echo in the {n}
      V * shadows dancing on the {o}
      V * out {inplace} I watch the {img} {v}
      V * down {inplace} I saw the {img} {v}
      V * all along {place} the {imgp} {v}
      V * I saw {name} {act}
      V * nothing but {thing} and the {n}
      V * {act} with the {img}
      V * we were born to {v}
      V * the {iadj} {img} and the {n}
      V * counting all the {imgp} in the {n}
      V * there's a story in the {n}
      V * I remember {place} in the {n}
      V * we had {thing} and the open {n}
      V * {adj} {img} and the {iadj} {n}
      V * the {adj} {img} {x}
      V * every road leads back to {place}
      V * {name} running through the {n}
      V * we were {ving} like the {n}
      V * my heart was {ving} in the {n}
      V * painted {thing} on the {o}
      V * maps and {img} on the {o}
      V * I chase the {img} {x}
      V * holding {thing} {x}
      V * we were only seventeen
      V * call it {bare}, call it {n}
      V * we met down by the {o}
      V * {name} waiting by the {o}
      V * I hear your voice on the {o}
      V * {thing} and a note on the {o}
      V * we carved our names into the {o}
      V * {city}, I left you at the {o}
      C * meet me on the {o}
      C * dancing on the {o}
      B * I'll be waiting by the {o}
      B * {name}, meet me at the {o}
      O * see you on the {o}
      V + sunlight pouring through the {o}
      V + we were dancing in the {n}
      V + {name} laughing in the {n}
      V + we got the windows rolled down low
      V + sunny days and {thing}
      V + good times rolling like the {n}
      V + every morning feels brand new
      V + {place} kept shining like the {n}
      V + we were {a} {inplace}
      V + laughing all the way to {place}
      V + {name} makes the {img} {v}
      V + all the {img} glowing {x}
      V - cold light pouring through the {o}
      V - I keep your picture by the {o}
      V - the phone is silent and the room is {a}
      V - every word we never said
      V - I'm still waiting by the {o}
      V - tears like {imgp} in the {n}
      V - I walk alone through {place}
      V - {place} felt colder than the {n}
      V - I lost you somewhere in the {n}
      V - {sthing} keeps calling out my name
      V - {name}, I miss you in the {n}
      V - the {img} won't let me {v}
      V - there's nothing left but {thing}
      V - your empty chair beside the {o}
      P * and I can feel it in the {n}
      P * something's rising in the {n}
      P * don't you let me go {x}
      P * here it comes, the {n}
      P * so take my hand and don't look back
      P * we're almost there, we're almost {a}
      P * I can feel it coming {x}
      P * and it all comes back to {place}
      P * I'm running out of time
      P * and {sthing} is calling me {x}
      P * {name}, are you ready now
      P * hold on, hold on, we're {a}
      P * every heartbeat pulls me {x}
      P * oh, the {imgs} is calling {x}
      P * can you feel it in the {n}
      P * turn around and watch it {v}
      P + turn it up and let the {img} {v}
      P + we're gonna make it {x}
      P - and I can't let {thing} go
      P - but the {img} won't let me {v}
      P - and every night I tell myself
      P - I should have known it all along
      C * we're {ving} in the {n}
      C * {ving} like the {n}
      C * we are {iadj} and {a}
      C * this is where we {v}
      C * you and me against the {n}
      C * hold me close until the {n}
      C * we'll never let it {v}
      C * I'll be {ving} {x}
      C * so let the {img} {v}
      C * we're {a} {x}
      C * shining like the {n}
      C * I won't let {name} go
      C * take me back to {place}
      C * take me back to {phrase}
      C * under the {iadj} {n}
      C * we light it up and we {v}
      C * {sthing} is all I need
      C * oh, {city}, I'm coming home
      C * {act} {x}
      C * we're {act} {x}
      C * {name}, you're my {n}
      C * like {thing} in the {n}
      C * all the {imgp} in the {n}
      C * singing with the {img} {x}
      C * the whole world feels {a}
      C * and the {img} will {v}
      C + we're gonna {v} {x}
      C + reach up, reach up for the {n}
      C + turn the music up {x}
      C + nothing's gonna stop us now
      C + you're my {n}
      C + we're shining brighter than the {n}
      C + feel the {img} come alive
      C - and I fall apart in the {n}
      C - I'm lost without you in the {n}
      C - tell me why the {img} won't {v}
      C - now all I have is the {n}
      C - crying in the {n}
      C - another night alone in the {n}
      C - and {thing} won't let me {v}
      C - I'm holding on to {thing}
      B * maybe in another lifetime
      B * if the {img} should {v}
      B * and when the {imgs} is gone
      B * I'll be there in the {n}
      B * so close your eyes and {v}
      B * {name}, don't you cry
      B * and {place} will always be {a}
      B * when the {iadj} {imgs} fades away
      B * even if the {img} should {v}
      B * somewhere past the {img}, we're {a}
      B * and if I never see {place} again
      B * I'll keep {thing} close to me
      B * all of the {img} and all of the {n}
      B * we don't need the {n}
      B * it was always {thing}
      B * and the {img} will carry us {x}
      B * I'd trade it all for one more night
      B + so raise your hands up to the {n}
      B - and maybe it's the {n}
      B - I don't know how to say goodbye
      O * still {ving} in the {n}
      O * we'll be {ving} {x}
      O * fading into the {n}
      O * goodnight, {city}
      O * {name}, goodnight
      O * oh, {city}
      O * and the {img} {x}
      O * just you and me and the {n}
      O * {thing}, {x}
      """;

  private static final Pattern SLOT = Pattern.compile("\\{([a-z0-9]+)}");
  private static final List<Template> TEMPLATES = parse();

  private LineBank() {}

  static List<Template> templates() {
    return TEMPLATES;
  }

  private static List<Template> parse() {
    List<Template> out = new ArrayList<>();
    for (String row : TABLE.strip().split("\n")) {
      String r = row.strip();
      int a = r.indexOf(' ');
      int b = r.indexOf(' ', a + 1);
      String roles = r.substring(0, a);
      char mood = r.charAt(a + 1);
      String pattern = r.substring(b + 1);
      List<String> slots = new ArrayList<>();
      Matcher m = SLOT.matcher(pattern);
      while (m.find()) {
        slots.add(m.group(1));
      }
      RhymeBank.Slot end = null;
      if (pattern.endsWith("{n}")) {
        end = RhymeBank.Slot.N;
      } else if (pattern.endsWith("{o}")) {
        end = RhymeBank.Slot.O;
      } else if (pattern.endsWith("{a}")) {
        end = RhymeBank.Slot.A;
      } else if (pattern.endsWith("{v}")) {
        end = RhymeBank.Slot.V;
      } else if (pattern.endsWith("{x}")) {
        end = RhymeBank.Slot.X;
      }
      out.add(new Template(roles, mood, pattern, end, List.copyOf(slots)));
    }
    return List.copyOf(out);
  }
}
