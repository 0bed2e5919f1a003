package io.backbeat.engine;

import java.util.List;

/**
 * The text stage of a request: title, tags and lyrics shared by both clips, and each clip's
 * arrangement ready to render.
 *
 * @param lyrics the sung text, null when instrumental
 */
public record SongPlan(String title, String tags, String lyrics, List<ClipPlan> clips) {
  public SongPlan {
    clips = List.copyOf(clips);
  }
}
