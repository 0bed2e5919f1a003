package io.backbeat.client;

import static java.util.Objects.requireNonNull;

import io.backbeat.client.http.ApiTransport;
import io.backbeat.client.http.RetryPolicy;
import io.backbeat.client.media.DashScopeClient;
import io.backbeat.client.media.KlingClient;
import io.backbeat.client.media.OpenAiVideoClient;
import io.backbeat.client.suno.SunoClient;
import io.backbeat.client.tasks.Tasks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A client of one Backbeat server: the native task API ({@link #tasks()}, with {@code waitFor}) and a
 * typed client per dialect. Thread-safe; share one per server and key.
 *
 * <pre>{@code
 * BackbeatClient backbeat = BackbeatClient.builder(URI.create("http://localhost:8080"), apiKey).build();
 * String taskId = backbeat.suno().generate(SunoSong.simple("a song about the sea", "V5", callbackUrl));
 * TaskView done = backbeat.tasks().waitFor(taskId);
 * }</pre>
 */
public final class BackbeatClient {
  private final ApiTransport transport;
  private final Tasks tasks;
  private final SunoClient suno;
  private final DashScopeClient dashScope;
  private final KlingClient kling;
  private final OpenAiVideoClient openAiVideo;

  private BackbeatClient(ApiTransport transport) {
    this.transport = transport;
    this.tasks = new Tasks(transport);
    this.suno = new SunoClient(transport);
    this.dashScope = new DashScopeClient(transport);
    this.kling = new KlingClient(transport);
    this.openAiVideo = new OpenAiVideoClient(transport);
  }

  public static Builder builder(URI baseUrl, String apiKey) {
    return new Builder(baseUrl, apiKey);
  }

  public Tasks tasks() {
    return tasks;
  }

  public SunoClient suno() {
    return suno;
  }

  public DashScopeClient dashScope() {
    return dashScope;
  }

  public KlingClient kling() {
    return kling;
  }

  public OpenAiVideoClient openAiVideo() {
    return openAiVideo;
  }

  /** The transport, for routes no typed client covers yet. */
  public ApiTransport transport() {
    return transport;
  }

  public static final class Builder {
    private final URI baseUrl;
    private final String apiKey;
    private HttpClient http;
    private RetryPolicy retries = RetryPolicy.DEFAULT;
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Supplier<String> idempotencyKeys = ApiTransport.randomKeys();

    private Builder(URI baseUrl, String apiKey) {
      this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
      this.apiKey = requireNonNull(apiKey, "apiKey is null");
    }

    public Builder httpClient(HttpClient http) {
      this.http = requireNonNull(http, "http is null");
      return this;
    }

    public Builder retries(RetryPolicy retries) {
      this.retries = requireNonNull(retries, "retries is null");
      return this;
    }

    /** Per call; synchronous routes (an image) answer when their work is done, so allow for it. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
      return this;
    }

    /** Where each create's idempotency key comes from (random UUIDs by default). */
    public Builder idempotencyKeys(Supplier<String> idempotencyKeys) {
      this.idempotencyKeys = requireNonNull(idempotencyKeys, "idempotencyKeys is null");
      return this;
    }

    public BackbeatClient build() {
      HttpClient client = http != null ? http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      return new BackbeatClient(new ApiTransport(baseUrl, apiKey, client, retries, requestTimeout, idempotencyKeys));
    }
  }
}
