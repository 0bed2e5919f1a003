package io.backbeat.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads to a file and to a consumer: size, type and checksum reported; limits in size and time. */
class StreamingDownloadTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final LoopbackServer server = LoopbackServer.start();
  private final EgressHttpClient client = new EgressHttpClient(EgressPolicy.defaults(true));

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private void serve(byte[] body, String contentType, boolean chunked) {
    server.answer(exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < body.length; i += 64 * 1024) {
          out.write(body, i, Math.min(64 * 1024, body.length - i));
        }
      } catch (IOException e) {
        // the client hung up
      }
    });
  }

  @Test
  void a_file_download_reports_size_content_type_and_sha256_of_exactly_the_stored_bytes() throws Exception {
    byte[] audio = random(3 * 1024 * 1024 + 17, 11);
    serve(audio, "audio/mpeg", true);
    Path target = dir.resolve("upload.mp3");

    Download download = client.download("uploadUrl", server.url("/a.mp3?X-Amz-Signature=s"), target, 10 * 1024 * 1024, TIMEOUT);

    assertThat(Files.readAllBytes(target)).isEqualTo(audio);
    assertThat(download.bytes()).isEqualTo(audio.length);
    assertThat(download.contentType()).hasValue("audio/mpeg");
    assertThat(download.sha256()).isEqualTo(sha256(audio)).isEqualTo(sha256(Files.readAllBytes(target)));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void a_stream_reaches_the_consumer_as_it_arrives_even_far_beyond_the_in_memory_limit() throws Exception {
    byte[] audio = random(24 * 1024 * 1024, 5);
    serve(audio, "audio/wav", true);
    EgressHttpClient small = client.newBuilder().maxResponseBytes(64 * 1024).build();
    MessageDigest seen = MessageDigest.getInstance("SHA-256");
    AtomicLong largestRead = new AtomicLong();

    Download download = small.stream(small.newRequest("GET", server.url("/song.wav")).build(), 32 * 1024 * 1024, (body, type) -> {
      assertThat(type).hasValue("audio/wav");
      byte[] buffer = new byte[16 * 1024];
      int n;
      while ((n = body.read(buffer)) != -1) {
        seen.update(buffer, 0, n);
        largestRead.accumulateAndGet(n, Math::max);
      }
    });

    assertThat(download.bytes()).isEqualTo(audio.length);
    assertThat(download.sha256()).isEqualTo(sha256(audio)).isEqualTo(HexFormat.of().formatHex(seen.digest()));
    assertThat(largestRead.get()).isLessThanOrEqualTo(16 * 1024);
    // the same body read whole is refused: streaming never went through the bounded buffer
    assertThatThrownBy(() -> small.execute(small.newRequest("GET", server.url("/song.wav")).build()).bytes()).isInstanceOf(EgressLimitException.class);
  }

  @Test
  void a_consumer_that_stops_early_still_gets_a_report_of_the_whole_body() throws Exception {
    byte[] image = random(500_000, 3);
    serve(image, "image/jpeg", false);

    Download download = client.stream(client.newRequest("GET", server.url("/cover.jpg")).build(), 1024 * 1024, (body, type) -> {
      body.readNBytes(10);
      body.close(); // closing early must not cut the checksum short
    });

    assertThat(download.bytes()).isEqualTo(image.length);
    assertThat(download.sha256()).isEqualTo(sha256(image));
  }

  @Test
  void a_stream_larger_than_its_limit_is_cut_while_streaming() {
    serve(random(2 * 1024 * 1024, 1), "audio/mpeg", true);
    AtomicLong delivered = new AtomicLong();

    assertThatThrownBy(() -> client.stream(client.newRequest("GET", server.url("/big.mp3?sig=s")).field("uploadUrl").build(), 100_000, (body, type) -> {
          byte[] buffer = new byte[8192];
          int n;
          while ((n = body.read(buffer)) != -1) {
            delivered.addAndGet(n);
          }
        }))
        .isInstanceOfSatisfying(EgressLimitException.class, e -> assertThat(e.classification()).isEqualTo(SendClassification.RESPONSE))
        .hasMessage("uploadUrl response is larger than the limit of 100000 bytes (" + server.url("/big.mp3") + ")");
    assertThat(delivered.get()).isLessThanOrEqualTo(100_000);
  }

  @Test
  void a_failed_status_never_reaches_the_consumer() {
    server.answer(exchange -> LoopbackServer.respond(exchange, 403, "AccessDenied"));
    AtomicBoolean called = new AtomicBoolean();

    assertThatThrownBy(() -> client.stream(client.newRequest("GET", server.url("/a.mp3")).field("uploadUrl").build(), 1024, (body, type) -> called.set(true)))
        .isInstanceOf(EgressStatusException.class)
        .hasMessage("uploadUrl answered HTTP 403 (" + server.url("/a.mp3") + ")");
    assertThat(called).isFalse();
  }

  @Test
  void a_stream_that_stalls_fails_at_its_time_limit_as_sent_no_response() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 1000);
      exchange.getResponseBody().write(new byte[10]);
      exchange.getResponseBody().flush();
      release.await(); // the rest never comes while the client waits
    });
    EgressRequest request = client.newRequest("GET", server.url("/stall.mp3")).field("uploadUrl").timeout(Duration.ofMillis(500)).build();

    try {
      assertThatThrownBy(() -> client.stream(request, 1024, (body, type) -> body.transferTo(OutputStream.nullOutputStream())))
          .isInstanceOfSatisfying(EgressTimeoutException.class, e -> {
            assertThat(e.classification()).isEqualTo(SendClassification.SENT_NO_RESPONSE);
            assertThat(e.status()).hasValue(200);
            assertThat(SendFailures.isRetryable(e)).as("a GET may be retried").isTrue();
          })
          .hasMessage("uploadUrl did not answer within 500 ms (" + server.url("/stall.mp3") + ")");
    } finally {
      release.countDown();
    }
  }

  @Test
  void the_consumers_own_failure_passes_unchanged_and_a_file_target_is_left_untouched() throws Exception {
    serve(random(1000, 9), "audio/mpeg", false);
    IOException diskFull = new IOException("No space left on device");

    assertThatThrownBy(() -> client.stream(client.newRequest("GET", server.url("/a.mp3")).build(), 4096, (body, type) -> {
      throw diskFull;
    })).isSameAs(diskFull);

    Path target = Files.writeString(dir.resolve("a.mp3"), "previous");
    server.answer(exchange -> {
      exchange.sendResponseHeaders(200, 1000);
      exchange.getResponseBody().write(new byte[100]); // then the connection ends short
    });
    assertThatThrownBy(() -> client.download("uploadUrl", server.url("/a.mp3"), target, 4096, TIMEOUT)).isInstanceOf(EgressException.class);
    assertThat(Files.readString(target)).isEqualTo("previous");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
