package io.backbeat.core.webhook;

import io.backbeat.core.task.Task;
import io.backbeat.core.task.Transition;
import java.util.List;

/**
 * Renders the callbacks of one dialect (Suno, DashScope, …) for a state change that just happened.
 * Called inside the transition's transaction, so the bodies are frozen with the state they describe.
 */
public interface CallbackRenderer {

  /** The callbacks to send for {@code task} (its state after {@code transition}); empty for none. */
  List<Callback> render(Task task, Transition transition);
}
