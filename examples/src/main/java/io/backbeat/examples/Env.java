package io.backbeat.examples;

/** The examples' settings, from the environment. */
final class Env {
  private Env() {}

  static String url() {
    String url = System.getenv("BACKBEAT_URL");
    return url == null || url.isBlank() ? "http://localhost:8080" : url;
  }

  static String apiKey() {
    return required("BACKBEAT_API_KEY");
  }

  static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.err.println("set " + name);
      System.exit(2);
    }
    return value;
  }
}
