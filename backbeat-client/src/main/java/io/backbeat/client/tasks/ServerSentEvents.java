package io.backbeat.client.tasks;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/** Reads one event at a time from a {@code text/event-stream} (the WHATWG format; comments skipped). */
final class ServerSentEvents {
  record Event(String id, String type, String data) {}

  private final BufferedReader reader;

  ServerSentEvents(BufferedReader reader) {
    this.reader = reader;
  }

  /** The next event, or empty at the end of the stream. */
  Optional<Event> next() throws IOException {
    String id = null;
    String type = "message";
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return Optional.of(new Event(id, type, data.toString()));
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id" -> id = value;
        case "event" -> type = value;
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {}
      }
    }
    return Optional.empty();
  }
}
