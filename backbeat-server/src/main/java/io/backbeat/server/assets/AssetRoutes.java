package io.backbeat.server.assets;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.function.Function;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code GET|HEAD /assets/{taskId}/{file}}: output files with Range, ETag and long-lived caching.
 * Asset URLs need no API key (players and browsers fetch them); the 128-bit random task id in the
 * path is what makes them unguessable.
 */
public final class AssetRoutes {
  private final AssetStore assets;
  private final Function<String, URI> redirect;

  public AssetRoutes(AssetStore assets) {
    this(assets, null);
  }

  /**
   * @param redirect when not null, GETs of existing assets answer 302 to the URL it gives for the
   *     key (presigned object-store URLs), so the bytes do not pass through the gateway
   */
  public AssetRoutes(AssetStore assets, Function<String, URI> redirect) {
    this.assets = requireNonNull(assets, "assets is null");
    this.redirect = redirect;
  }

  public void register(RoutesConfig routes) {
    routes.get("/assets/{taskId}/{file}", ctx -> serve(ctx, true));
    routes.head("/assets/{taskId}/{file}", ctx -> serve(ctx, false));
  }

  private void serve(Context ctx, boolean withBody) throws IOException {
    String key = ctx.pathParam("taskId") + "/" + ctx.pathParam("file");
    Optional<StoredAsset> found = AssetKeys.isValid(key) ? assets.find(key) : Optional.empty();
    if (found.isEmpty()) {
      ctx.status(404).contentType("application/json").result("{\"error\":\"asset not found\"}");
      return;
    }
    StoredAsset asset = found.get();
    if (redirect != null && withBody) {
      ctx.header("Cache-Control", "no-store"); // the signed URL expires; the asset URL does not
      ctx.redirect(redirect.apply(key).toString(), HttpStatus.FOUND);
      return;
    }
    String etag = "\"" + asset.etag() + "\"";
    ctx.header("ETag", etag);
    ctx.header("Accept-Ranges", "bytes");
    // keys are content-stable per task, so clients may cache for a long time
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    ctx.contentType(asset.contentType());

    if (etagMatches(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    Optional<ByteRange> range;
    try {
      String ifRange = ctx.header("If-Range");
      range = ifRange == null || ifRange.equals(etag) ? ByteRange.parse(ctx.header("Range"), asset.size()) : Optional.empty();
    } catch (ByteRange.Unsatisfiable e) {
      ctx.header("Content-Range", "bytes */" + asset.size());
      ctx.status(416);
      return;
    }
    long offset = range.map(ByteRange::start).orElse(0L);
    long length = range.map(ByteRange::length).orElse(asset.size());
    if (range.isPresent()) {
      ctx.status(206);
      ctx.header("Content-Range", "bytes " + range.get().start() + "-" + range.get().endInclusive() + "/" + asset.size());
    } else {
      ctx.status(200);
    }
    ctx.header("Content-Length", Long.toString(length));
    if (!withBody) {
      return;
    }
    InputStream in = assets.open(key, offset, length);
    ctx.result(new BoundedInputStream(in, length));
  }

  private static boolean etagMatches(String header, String etag) {
    if (header == null) {
      return false;
    }
    for (String candidate : header.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
