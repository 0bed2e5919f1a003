package io.backbeat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's parts at --quick size or smaller: real sockets, real bytes; no timing is judged. */
class ServerBenchmarkPartsTest {
  @TempDir Path dir;

  @Test
  void the_load_generator_counts_every_answer_of_the_bare_server_and_stops_at_its_request_budget() throws Exception {
    byte[] body = "{\"code\":200,\"msg\":\"success\",\"data\":{\"taskId\":\"abc\"}}".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("poll.json");
    Files.write(file, body);
    int port = ChildProcess.freePort();
    BareServer.main(new String[] {Integer.toString(port), file.toString()});
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
    byte[] request = LoadGenerator.request("GET", "/suno/query/lyrics?taskId=abc", null, "Authorization", "Bearer x");

    assertThat(LoadGenerator.once(target, request).body()).isEqualTo(body);
    LoadGenerator.Result result = LoadGenerator.run("bare", target, request, 4, 200, Duration.ofSeconds(60));

    assertThat(result.requests()).isEqualTo(200);
    assertThat(result.failures()).isZero();
    assertThat(result.micros().getTotalCount()).isEqualTo(200);
    assertThat(result.perSecond()).isPositive();
  }

  @Test
  void answers_with_a_length_or_in_chunks_are_read_to_their_end_and_no_further() throws Exception {
    String two = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
        + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n";
    ByteArrayInputStream in = new ByteArrayInputStream(two.getBytes(StandardCharsets.US_ASCII));

    LoadGenerator.Answer first = LoadGenerator.readAnswer(in);
    LoadGenerator.Answer second = LoadGenerator.readAnswer(in);

    assertThat(first.status()).isEqualTo(200);
    assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(second.status()).isEqualTo(404);
    assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void sqlite_inserts_stop_at_their_row_budget() throws Exception {
    LoadGenerator.Result inserts = SqliteInserts.run(dir.resolve("anchor"), 100, Duration.ofSeconds(60));

    assertThat(inserts.requests()).isEqualTo(100);
    assertThat(inserts.micros().getTotalCount()).isEqualTo(100);
  }

  @Test
  void the_section_replaces_only_its_own_markers_and_the_chart_is_a_png() throws Exception {
    String doc = "# Benchmarks\n\n" + ServerBenchmark.START + "\nold\n" + ServerBenchmark.END + "\n\n<!-- engine-benchmark:start -->\nengine\n<!-- engine-benchmark:end -->\n";

    String spliced = ServerBenchmark.splice(doc, ServerBenchmark.START + "\nnew\n" + ServerBenchmark.END);
    String inserted = ServerBenchmark.splice("# Benchmarks\n\nengine\n", ServerBenchmark.START + "\nnew\n" + ServerBenchmark.END);

    assertThat(spliced).contains("\nnew\n").doesNotContain("old").contains("engine\n<!-- engine-benchmark:end -->");
    assertThat(inserted).startsWith("# Benchmarks\n\n" + ServerBenchmark.START).endsWith("engine\n");

    LoadGenerator.Result inserts = SqliteInserts.run(dir.resolve("chart"), 50, Duration.ofSeconds(60));
    Path png = dir.resolve("out").resolve("latency.png");
    LatencyChart.write(png, "test", List.of(inserts));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(520);
  }
}
