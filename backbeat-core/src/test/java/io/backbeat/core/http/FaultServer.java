package io.backbeat.core.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server that misbehaves on purpose, one connection at a time, below HTTP: for the
 * failures a well-behaved HTTP server cannot produce (drop the connection unread, drop it after the
 * request, cut an answer mid-body).
 */
final class FaultServer implements AutoCloseable {
  enum Fault {
    /** Waits for the first request byte to arrive (so sending has certainly begun), then resets the connection unread. */
    DROP_BEFORE_READING,
    /** Reads the whole request (head and body), then closes without a byte of answer. */
    DROP_AFTER_READING,
    /** Reads the request, sends a 200 head declaring 1000 bytes of JSON, sends 10, then closes. */
    CUT_MID_BODY
  }

  private final ServerSocket socket;
  private final Fault fault;
  /** The request bytes the server had read when it misbehaved (empty for DROP_BEFORE_READING). */
  private final CompletableFuture<String> received = new CompletableFuture<>();

  private FaultServer(Fault fault) {
    this.fault = fault;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("fault-server").start(this::serve);
  }

  static FaultServer start(Fault fault) {
    return new FaultServer(fault);
  }

  /** A port nothing listens on: bound, then closed. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** What the server had read of the request before it misbehaved. */
  String received() throws Exception {
    return received.get(10, TimeUnit.SECONDS);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        switch (fault) {
          case DROP_BEFORE_READING -> {
            int first = in.read(); // blocks until the client has started sending
            connection.setSoLinger(true, 0); // close with RST, the request left unread
            received.complete(first == -1 ? "(closed before a byte)" : "");
          }
          case DROP_AFTER_READING -> received.complete(readRequest(in));
          case CUT_MID_BODY -> {
            received.complete(readRequest(in));
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"taskId\":".getBytes(ISO_8859_1));
            out.flush();
          }
        }
      } catch (IOException e) {
        // closed, or the client went away: either way the next connection is served the same
      }
    }
  }

  /** Head up to the blank line, then as many body bytes as Content-Length says. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return head.toString(ISO_8859_1);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return text + new String(body, ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
