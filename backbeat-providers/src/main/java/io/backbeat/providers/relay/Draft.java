package io.backbeat.providers.relay;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical result in the making: every field but the asset keys, plus the upstream files those
 * keys will name once {@link Rehoster} has stored them. An upstream client builds it from the
 * upstream's answer; nothing in it is a dialect's field name.
 */
public final class Draft {
  private final ObjectNode result;
  private final List<PendingAsset> assets = new ArrayList<>();

  public Draft(ObjectNode result) {
    this.result = requireNonNull(result, "result is null");
  }

  public ObjectNode result() {
    return result;
  }

  public List<PendingAsset> assets() {
    return List.copyOf(assets);
  }

  /** The file at {@code url} becomes {@code parent.field} (its asset key). Blank URLs are skipped. */
  public Draft asset(String url, String baseName, String defaultExtension, ObjectNode parent, String field) {
    if (url != null && !url.isBlank()) {
      assets.add(new PendingAsset(url, baseName, defaultExtension, key -> parent.put(field, key)));
    }
    return this;
  }

  /** The file at {@code url} is appended to {@code array} (its asset key), in the order added. */
  public Draft asset(String url, String baseName, String defaultExtension, ArrayNode array) {
    if (url != null && !url.isBlank()) {
      int index = array.size();
      array.addNull(); // keeps the order of the upstream's list whatever order downloads finish in
      assets.add(new PendingAsset(url, baseName, defaultExtension, key -> array.set(index, array.textNode(key))));
    }
    return this;
  }
}
