package io.backbeat.server.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's files from the classpath folder {@code dashboard/}. Only plain names with a
 * known extension are looked up (no traversal, no listing). Every answer carries a strict Content
 * Security Policy: scripts and styles only from this origin, so the API key in the page's session
 * storage is out of reach of injected markup.
 */
final class DashboardFiles {
  private static final String ROOT = "dashboard/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\\.(html|js|css|svg|png|ico|json)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();
  private final String contentSecurityPolicy;

  /** @param publicUrl where asset URLs point (null: this server), allowed as a media and image source */
  DashboardFiles(String publicUrl) {
    String assets = publicUrl == null ? "" : " " + origin(publicUrl);
    this.contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + assets + "; media-src 'self'" + assets
            + "; connect-src 'self'" + assets + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  void register(RoutesConfig routes) {
    // Javalin ignores trailing slashes, so /ui and /ui/ are one route: both answer the page itself
    routes.get("/ui", ctx -> serve(ctx, "index.html"));
    routes.get("/ui/<file>", ctx -> serve(ctx, ctx.pathParam("file")));
    // the API reference: a page of the same bundle that renders /openapi.json (no CDN)
    routes.get("/docs", ctx -> serve(ctx, "docs.html"));
  }

  private void serve(Context ctx, String name) {
    Optional<File> found = NAME.matcher(name).matches() ? cache.computeIfAbsent(name, DashboardFiles::load) : Optional.empty();
    if (found.isEmpty()) {
      ctx.status(404);
      return;
    }
    File file = found.get();
    ctx.header("Content-Security-Policy", contentSecurityPolicy);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    // revalidated on every load, so a new version of the server shows its new dashboard at once
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", file.etag());
    if (file.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType(file.contentType()).result(file.bytes());
  }

  private static Optional<File> load(String name) {
    try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      return Optional.of(new File(bytes, TYPES.get(extension), "\"" + sha256(bytes).substring(0, 32) + "\""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard file " + name, e);
    }
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record File(byte[] bytes, String contentType, String etag) {}
}
