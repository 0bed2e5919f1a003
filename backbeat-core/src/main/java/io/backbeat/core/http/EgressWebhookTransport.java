package io.backbeat.core.http;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.webhook.WebhookTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** Sends webhook callbacks through the {@link EgressHttpClient}, so they obey the egress policy. */
public final class EgressWebhookTransport implements WebhookTransport {
  private final EgressHttpClient client;
  private final String field;

  /** Messages name the URL {@code callBackUrl}, as the user supplied it. */
  public EgressWebhookTransport(EgressHttpClient client) {
    this(client, "callBackUrl");
  }

  public EgressWebhookTransport(EgressHttpClient client, String field) {
    this.client = requireNonNull(client, "client is null");
    this.field = requireNonNull(field, "field is null");
  }

  @Override
  public Response post(String url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
    EgressHttpClient.Response response = client.post(field, url, headers, body, timeout);
    return new Response(response.status(), response.excerpt());
  }
}
