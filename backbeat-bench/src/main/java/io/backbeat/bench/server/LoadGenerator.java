package io.backbeat.bench.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP/1.1 load generator: each connection is a virtual thread with one keep-alive
 * socket that sends a request, reads the whole answer and sends the next. A raw socket client is
 * used rather than the JDK's HttpClient so that the client costs the same small amount against the
 * server and against its anchor. Every run is bounded by a request count and by a time limit.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  /** The answer of one run: latencies in microseconds, answers that were not 2xx, wall time. */
  public record Result(String name, int connections, long requests, long failures, long wallNanos, Histogram micros) {
    public double perSecond() {
      return wallNanos == 0 ? 0 : requests * 1e9 / wallNanos;
    }

    public double percentileMillis(double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  /** The bytes of a request with the headers given (name, value pairs) and an optional JSON body. */
  public static byte[] request(String method, String pathAndQuery, String body, String... headers) {
    StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(bodyBytes.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
    return all;
  }

  /**
   * Runs {@code connections} loops until {@code maxRequests} answers arrived in all or {@code maxTime}
   * passed, whichever is first.
   */
  public static Result run(String name, InetSocketAddress target, byte[] request, int connections, long maxRequests, Duration maxTime)
      throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxRequests);
    AtomicLong failures = new AtomicLong();
    long deadline = System.nanoTime() + maxTime.toNanos();
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Histogram histogram = new Histogram(60_000_000L, 3);
      histograms.add(histogram);
      threads.add(Thread.ofVirtual().name("load-" + name + "-", c).start(() -> loop(target, request, budget, deadline, histogram, failures)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long wall = System.nanoTime() - start;
    Histogram all = new Histogram(60_000_000L, 3);
    histograms.forEach(all::add);
    return new Result(name, connections, all.getTotalCount(), failures.get(), wall, all);
  }

  private static void loop(InetSocketAddress target, byte[] request, AtomicLong budget, long deadline, Histogram micros, AtomicLong failures) {
    Socket socket = null;
    InputStream in = null;
    try {
      while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
        if (socket == null) {
          socket = new Socket();
          socket.setTcpNoDelay(true);
          socket.connect(target, 10_000);
          socket.setSoTimeout(30_000);
          in = new BufferedInputStream(socket.getInputStream(), 16384);
        }
        long sent = System.nanoTime();
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        Answer answer = readAnswer(in);
        micros.recordValue(Math.min(micros.getHighestTrackableValue(), (System.nanoTime() - sent) / 1000));
        if (answer.status() / 100 != 2) {
          failures.incrementAndGet();
        }
        if (answer.close()) {
          socket.close();
          socket = null;
        }
      }
    } catch (IOException e) {
      failures.incrementAndGet();
    } finally {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing after the run; nothing to do
        }
      }
    }
  }

  record Answer(int status, boolean close, byte[] body) {}

  /** Reads one HTTP/1.1 answer (Content-Length or chunked body). Not buffered past the answer's end. */
  static Answer readAnswer(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || statusLine.length() < 12) {
      throw new IOException("connection closed before an answer");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    String header;
    while ((header = line(in)) != null && !header.isEmpty()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
        close = true;
      }
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    if (chunked) {
      while (true) {
        String size = line(in);
        if (size == null) {
          throw new IOException("connection closed inside a chunked body");
        }
        int semicolon = size.indexOf(';');
        long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (n == 0) {
          while (true) { // trailers, then the blank line
            String trailer = line(in);
            if (trailer == null || trailer.isEmpty()) {
              break;
            }
          }
          break;
        }
        copy(in, body, n);
        line(in);
      }
    } else if (length > 0) {
      copy(in, body, length);
    } else if (length < 0 && status != 204 && status != 304) {
      in.transferTo(body); // no length: the body ends with the connection
      close = true;
    }
    return new Answer(status, close, body.toByteArray());
  }

  private static void copy(InputStream in, java.io.ByteArrayOutputStream to, long n) throws IOException {
    byte[] buffer = new byte[8192];
    while (n > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (read < 0) {
        throw new IOException("connection closed inside a body");
      }
      to.write(buffer, 0, read);
      n -= read;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    return line.isEmpty() ? null : line.toString();
  }

  /** One request on a fresh connection: for set-up steps and readiness checks. */
  public static Answer once(InetSocketAddress target, byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(target, 2_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      return readAnswer(new BufferedInputStream(socket.getInputStream()));
    }
  }
}
