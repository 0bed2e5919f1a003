package io.backbeat.core.webhook;

/** A callback a dialect wants sent for a state change: its event type and exact JSON body. */
public record Callback(String eventType, String body) {}
