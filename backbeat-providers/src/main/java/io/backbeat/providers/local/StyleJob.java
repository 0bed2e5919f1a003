package io.backbeat.providers.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.provider.Step;
import io.backbeat.core.provider.TaskContext;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.spec.StyleBoostSpec;
import io.backbeat.engine.style.StyleBooster;

/** STYLE: the hint expanded by the engine's genre knowledge base ({@link StyleBooster}). Result: {@code {"style"}}. */
public final class StyleJob implements LocalJob {
  @Override
  public Step run(Task task, TaskContext context) {
    if (!(task.spec() instanceof StyleBoostSpec spec)) {
      throw new UnsupportedOperationException("StyleJob expands styles, not " + task.kind());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode().put("style", StyleBooster.boost(spec.hint()));
    return Step.succeed(result);
  }
}
