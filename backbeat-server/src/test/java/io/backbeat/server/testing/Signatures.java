package io.backbeat.server.testing;

import com.svix.Webhook;
import java.util.List;
import java.util.Map;

/** Verifies a received callback with the independent Svix Standard Webhooks implementation. */
public final class Signatures {
  private Signatures() {}

  public static void verify(String secret, CallbackReceiver.Received received) throws Exception {
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of(received.header("webhook-id")),
            "webhook-timestamp", List.of(received.header("webhook-timestamp")),
            "webhook-signature", List.of(received.header("webhook-signature")));
    new Webhook(secret).verify(received.body(), headers);
  }
}
