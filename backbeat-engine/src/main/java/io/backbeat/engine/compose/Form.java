package io.backbeat.engine.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns lyric sections into a bar layout: how many bars each section and each lyric line gets,
 * with an intro/outro added when the lyrics have none, instrumental forms when there are no
 * lyrics, and the length kept inside the requested bounds.
 */
final class Form {
  /** A section before harmony is attached. */
  record Slot(SectionKind kind, String label, List<String> lines, int bars, int barsPerLine) {}

  private Form() {}

  static int barsPerLine(int bpm, boolean halfTime, int maxSyllablesPerLine) {
    if (halfTime || bpm >= 150) {
      return 4;
    }
    if (bpm <= 76 && maxSyllablesPerLine <= 10) {
      return 1;
    }
    return 2;
  }

  /**
   * @param minSeconds lower bound (simple mode asks for a full song; 0 to keep lyrics as given)
   * @param maxSeconds upper bound (model limit)
   */
  static List<Slot> layout(List<TextSection> text, int bpm, boolean halfTime, int barsPerLine,
      double minSeconds, double maxSeconds) {
    double secondsPerBar = 240.0 / bpm;
    int introBars = secondsPerBar >= 2.6 ? 2 : halfTime ? 8 : 4;
    List<Slot> slots = new ArrayList<>();
    boolean hasLyrics = text.stream().anyMatch(t -> !t.lines().isEmpty());
    if (!hasLyrics) {
      slots.addAll(instrumental(secondsPerBar, halfTime, minSeconds, maxSeconds));
    } else {
      for (TextSection section : text) {
        int bars;
        if (section.lines().isEmpty()) {
          bars = switch (section.kind()) {
            case INTRO, OUTRO -> introBars;
            default -> halfTime ? 16 : 8;
          };
        } else {
          bars = roundUp(section.lines().size() * barsPerLine, 4);
        }
        slots.add(new Slot(section.kind(), section.label(), section.lines(), bars, barsPerLine));
      }
      if (slots.get(0).kind() != SectionKind.INTRO) {
        slots.add(0, new Slot(SectionKind.INTRO, "Intro", List.of(), introBars, barsPerLine));
      }
      if (slots.get(slots.size() - 1).kind() != SectionKind.OUTRO) {
        slots.add(new Slot(SectionKind.OUTRO, "Outro", List.of(), introBars, barsPerLine));
      }
      growToMinimum(slots, secondsPerBar, minSeconds, halfTime);
    }
    shrinkToMaximum(slots, secondsPerBar, maxSeconds);
    return slots;
  }

  private static List<Slot> instrumental(double secondsPerBar, boolean halfTime, double minSeconds,
      double maxSeconds) {
    int unit = halfTime ? 16 : 8;
    SectionKind[] plan = {
      SectionKind.INTRO, SectionKind.VERSE, SectionKind.CHORUS, SectionKind.VERSE,
      SectionKind.CHORUS, SectionKind.BRIDGE, SectionKind.CHORUS, SectionKind.CHORUS, SectionKind.OUTRO
    };
    // Aim for ~2.5 minutes (or the minimum), never above the maximum.
    double target = Math.min(maxSeconds, Math.max(minSeconds, 150));
    List<Slot> slots = new ArrayList<>();
    for (SectionKind kind : plan) {
      int bars = kind == SectionKind.INTRO || kind == SectionKind.OUTRO ? unit / 2 : unit;
      slots.add(new Slot(kind, label(kind), List.of(), bars, 2));
    }
    double seconds = totalBars(slots) * secondsPerBar;
    if (seconds < target * 0.75) {
      // Slow tempos: double the body sections rather than add more of them.
      List<Slot> doubled = new ArrayList<>();
      for (Slot s : slots) {
        boolean body = s.kind() != SectionKind.INTRO && s.kind() != SectionKind.OUTRO;
        doubled.add(body ? new Slot(s.kind(), s.label(), s.lines(), s.bars() * 2, 2) : s);
      }
      slots = doubled;
    }
    return slots;
  }

  private static void growToMinimum(List<Slot> slots, double secondsPerBar, double minSeconds,
      boolean halfTime) {
    Slot chorus = slots.stream().filter(s -> s.kind() == SectionKind.CHORUS && !s.lines().isEmpty())
        .reduce((a, b) -> b).orElse(null);
    int guard = 0;
    while (totalBars(slots) * secondsPerBar < minSeconds && guard++ < 8) {
      int outroIndex = slots.size() - 1;
      if (guard % 2 == 1 && chorus != null) {
        slots.add(outroIndex, chorus); // the chorus repeated at the end
      } else {
        slots.add(outroIndex, new Slot(SectionKind.BREAK, "Instrumental", List.of(), halfTime ? 16 : 8, 2));
      }
    }
  }

  private static void shrinkToMaximum(List<Slot> slots, double secondsPerBar, double maxSeconds) {
    // Leave room for the release tail after the last bar.
    int maxBars = (int) Math.floor((maxSeconds - 2.5) / secondsPerBar);
    while (totalBars(slots) > maxBars && slots.size() > 2) {
      slots.remove(slots.size() - 2); // drop the last section before the outro
    }
    while (totalBars(slots) > maxBars) {
      Slot first = slots.get(0);
      int over = totalBars(slots) - maxBars;
      int keepBars = Math.max(1, first.bars() - over);
      int keepLines = Math.min(first.lines().size(), keepBars / Math.max(1, first.barsPerLine()));
      slots.set(0, new Slot(first.kind(), first.label(), first.lines().subList(0, keepLines), keepBars, first.barsPerLine()));
      if (slots.size() > 1 && totalBars(slots) > maxBars) {
        slots.remove(slots.size() - 1);
      }
    }
  }

  /**
   * Slots for a fitted form ({@link Fit}), one per given section, in order. Lyric lines are sung in
   * order over the sections that sing (verse, pre-chorus, chorus, bridge), as many as each holds at
   * {@code barsPerLine} (a section shorter than that sings one line over its bars); when the lines
   * run out, the last chorus's lines start again. A section of {@link Fit.Section#AS_SUNG} bars
   * takes the next whole lyric section, with as many bars as its lines need (eight bars when no
   * lyrics are left).
   */
  static List<Slot> fitted(List<TextSection> text, List<Fit.Section> sections, int barsPerLine) {
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
    List<String> chorus = List.of();
    java.util.Iterator<TextSection> wholeSections = text.stream().filter(t -> !t.lines().isEmpty()).toList().iterator();
    for (TextSection t : text) {
      queue.addAll(t.lines());
      if (t.kind() == SectionKind.CHORUS && !t.lines().isEmpty()) {
        chorus = t.lines();
      }
    }
    if (chorus.isEmpty()) {
      chorus = text.stream().filter(t -> !t.lines().isEmpty()).map(TextSection::lines).reduce((a, b) -> b).orElse(List.of());
    }
    List<Slot> slots = new ArrayList<>();
    for (Fit.Section section : sections) {
      SectionKind kind = section.kind();
      if (section.bars() == Fit.Section.AS_SUNG) {
        if (wholeSections.hasNext()) {
          TextSection t = wholeSections.next();
          slots.add(new Slot(kind, t.label(), t.lines(), roundUp(t.lines().size() * barsPerLine, 4), barsPerLine));
        } else {
          slots.add(new Slot(kind, label(kind), List.of(), 8, barsPerLine));
        }
        continue;
      }
      int bars = section.bars();
      int perLine = Math.min(barsPerLine, bars);
      List<String> lines = new ArrayList<>();
      if (sings(kind) && !text.isEmpty()) {
        int capacity = bars / perLine;
        while (lines.size() < capacity) {
          if (queue.isEmpty()) {
            if (chorus.isEmpty() || !lines.isEmpty()) {
              break; // a repeated chorus starts at a section's start, never mid-section
            }
            queue.addAll(chorus);
          }
          lines.add(queue.poll());
        }
      }
      slots.add(new Slot(kind, label(kind), lines, bars, perLine));
    }
    return slots;
  }

  private static boolean sings(SectionKind kind) {
    return kind == SectionKind.VERSE || kind == SectionKind.PRE_CHORUS || kind == SectionKind.CHORUS || kind == SectionKind.BRIDGE;
  }

  static int totalBars(List<Slot> slots) {
    return slots.stream().mapToInt(Slot::bars).sum();
  }

  private static int roundUp(int value, int multiple) {
    return Math.max(multiple, ((value + multiple - 1) / multiple) * multiple);
  }

  private static String label(SectionKind kind) {
    String n = kind.name().replace('_', '-').toLowerCase();
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
