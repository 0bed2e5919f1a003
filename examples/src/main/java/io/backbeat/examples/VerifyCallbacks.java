package io.backbeat.examples;

import com.sun.net.httpserver.HttpServer;
import io.backbeat.client.webhook.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A callback receiver in a plain JDK {@code HttpServer}: checks each delivery's Standard Webhooks
 * signature with the account's secret ({@code webhookSecret} of {@code GET /v1/account}) before
 * trusting it, answers 401 to anything else, and 2xx quickly (Backbeat retries other answers).
 *
 * <pre>BACKBEAT_WEBHOOK_SECRET=whsec_… ./backbeat example VerifyCallbacks 9000</pre>
 */
public final class VerifyCallbacks {
  private VerifyCallbacks() {}

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
    WebhookVerifier verifier = new WebhookVerifier(Env.required("BACKBEAT_WEBHOOK_SECRET"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      int status;
      try {
        verifier.verify(headers, body, Instant.now());
        // the same webhook-id arrives again when a retry crossed our answer: handle each id once
        System.out.println("verified " + headers.get("Webhook-id") + ": " + body);
        status = 204;
      } catch (WebhookVerifier.InvalidSignatureException e) {
        System.out.println("refused: " + e.getMessage());
        status = 401;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    System.out.println("listening on http://localhost:" + port + "/ ; use it as callBackUrl");
  }
}
