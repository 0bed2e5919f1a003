package io.backbeat.client.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON answer: the HTTP status and the parsed body. */
public record ApiResponse(int status, JsonNode body) {}
