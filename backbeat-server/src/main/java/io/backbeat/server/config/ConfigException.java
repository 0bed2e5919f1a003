package io.backbeat.server.config;

/** A setting is invalid; the message names the setting and what is accepted. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
