package io.backbeat.storage.asset.s3;

import static java.util.Objects.requireNonNull;

import io.backbeat.core.asset.AssetKeys;
import io.backbeat.core.asset.AssetStore;
import io.backbeat.core.asset.StoredAsset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Assets as objects in one S3 bucket: key {@code <taskId>/<file>} is object {@code <prefix>/<taskId>/<file>}.
 *
 * <p>The ETag the gateway hands out is the same as the filesystem store's (a SHA-256 prefix of the
 * content), computed while uploading and kept as object metadata, so it does not depend on how the
 * object store computes its own (multipart ETags are not content hashes). Files above
 * {@link #MULTIPART_THRESHOLD} go up in {@link #PART_SIZE} parts; a failed multipart upload is
 * aborted so no parts linger. Every SDK failure surfaces as an {@link IOException}: an object store
 * outage is an I/O failure the task core retries, never a success without files.
 *
 * <p>After every write the object is read back with a HEAD, and that answer is what {@code put}
 * returns: a put that returns has really landed, and its {@link StoredAsset} equals what any node's
 * {@link #find} sees.
 */
public final class S3AssetStore implements AssetStore, AutoCloseable {
  static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;
  static final int PART_SIZE = 8 * 1024 * 1024;
  private static final int ETAG_HEX_CHARS = 32;
  private static final String META_SHA256 = "backbeat-sha256";

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final String prefix;
  private final long multipartThreshold;
  private final int partSize;

  /** Where and how to reach the bucket. {@code endpoint} is null for AWS itself. */
  public record Settings(String bucket, String prefix, URI endpoint, String region, boolean pathStyle) {
    public Settings {
      requireNonNull(bucket, "bucket is null");
      if (bucket.isBlank()) {
        throw new IllegalArgumentException("bucket is blank");
      }
      prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
      region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** Parses {@code s3://bucket/optional/prefix}. */
    public static Settings parse(String location, URI endpoint, String region, boolean pathStyle) {
      if (location == null || !location.startsWith("s3://")) {
        throw new IllegalArgumentException("an S3 location looks like s3://bucket/prefix, not " + location);
      }
      String rest = location.substring("s3://".length());
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException("not a valid S3 bucket name: '" + bucket + "'");
      }
      return new Settings(bucket, prefix, endpoint, region, pathStyle);
    }
  }

  /** Connects with the SDK's default credentials chain (environment, profile, instance role). */
  public static S3AssetStore connect(Settings settings) {
    return connect(settings, DefaultCredentialsProvider.builder().build());
  }

  public static S3AssetStore connect(Settings settings, AwsCredentialsProvider credentials) {
    S3Configuration serviceConfig = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
    var client = S3Client.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(serviceConfig);
    var presigner = S3Presigner.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(serviceConfig);
    if (settings.endpoint() != null) {
      client.endpointOverride(settings.endpoint());
      presigner.endpointOverride(settings.endpoint());
    }
    return new S3AssetStore(client.build(), presigner.build(), settings.bucket(), settings.prefix(), MULTIPART_THRESHOLD, PART_SIZE);
  }

  S3AssetStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, long multipartThreshold, int partSize) {
    this.s3 = requireNonNull(s3, "s3 is null");
    this.presigner = requireNonNull(presigner, "presigner is null");
    this.bucket = requireNonNull(bucket, "bucket is null");
    this.prefix = prefix == null ? "" : prefix;
    this.multipartThreshold = multipartThreshold;
    this.partSize = partSize;
  }

  /** The same store with a smaller multipart threshold and part size (tests of the multipart path). */
  S3AssetStore withMultipart(long threshold, int partSize) {
    return new S3AssetStore(s3, presigner, bucket, prefix, threshold, partSize);
  }

  public String bucket() {
    return bucket;
  }

  @Override
  public StoredAsset put(String key, Path source, String contentType) throws IOException {
    requireNonNull(source, "source is null");
    String object = objectKey(key);
    String type = typeOf(key, contentType);
    long size = Files.size(source);
    String sha = hash(source);
    try {
      if (size > multipartThreshold) {
        putMultipart(object, source, size, type, sha);
      } else {
        s3.putObject(b -> b.bucket(bucket).key(object).contentType(type).metadata(Map.of(META_SHA256, sha)),
            RequestBody.fromFile(source));
      }
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
    return landed(key, object, size, sha);
  }

  @Override
  public StoredAsset put(String key, byte[] bytes, String contentType) throws IOException {
    requireNonNull(bytes, "bytes is null");
    String object = objectKey(key);
    String type = typeOf(key, contentType);
    String sha = etagOf(sha256().digest(bytes));
    try {
      s3.putObject(b -> b.bucket(bucket).key(object).contentType(type).metadata(Map.of(META_SHA256, sha)),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
    return landed(key, object, bytes.length, sha);
  }

  @Override
  public Optional<StoredAsset> find(String key) throws IOException {
    String object = objectKey(key);
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(object));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("find", key, e);
    } catch (SdkException e) {
      throw failure("find", key, e);
    }
    String etag = head.metadata().get(META_SHA256);
    if (etag == null) {
      // written by something else than this store: hash it (not cached; such objects are rare)
      try (InputStream in = open(key, 0)) {
        etag = hash(in);
      }
    }
    return Optional.of(new StoredAsset(key, head.contentLength(), head.contentType(), etag, head.lastModified()));
  }

  /**
   * Streams the object from {@code offset} (a ranged GET, so only the bytes asked for cross the
   * network); an offset at or past the end gives an empty stream.
   *
   * @throws NoSuchFileException when there is no asset under {@code key}
   */
  @Override
  public InputStream open(String key, long offset) throws IOException {
    return get(key, offset, offset > 0 ? "bytes=" + offset + "-" : null);
  }

  /** Fetches only {@code [offset, offset + length)}: a player's small range costs a small GET. */
  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    if (length <= 0) {
      return get(key, offset, offset > 0 ? "bytes=" + offset + "-" : null);
    }
    return get(key, offset, "bytes=" + offset + "-" + (offset + length - 1));
  }

  private InputStream get(String key, long offset, String range) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    String object = objectKey(key);
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(object).range(range));
      return in;
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(key);
      }
      if (e.statusCode() == 416) {
        if (find(key).isEmpty()) {
          throw new NoSuchFileException(key);
        }
        return new ByteArrayInputStream(new byte[0]); // the range starts past the end
      }
      throw failure("open", key, e);
    } catch (SdkException e) {
      throw failure("open", key, e);
    }
  }

  @Override
  public int deleteTask(String taskId) throws IOException {
    requireNonNull(taskId, "taskId is null");
    if (!AssetKeys.isValid(taskId + "/x")) {
      throw new IllegalArgumentException("invalid task id for assets: " + taskId);
    }
    String folder = objectPrefix() + taskId + "/";
    int deleted = 0;
    try {
      String token = null;
      do {
        String continuation = token;
        ListObjectsV2Response page = s3.listObjectsV2(
            ListObjectsV2Request.builder().bucket(bucket).prefix(folder).continuationToken(continuation).build());
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (S3Object o : page.contents()) {
          ids.add(ObjectIdentifier.builder().key(o.key()).build());
        }
        if (!ids.isEmpty()) {
          DeleteObjectsResponse response =
              s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(false).build()));
          if (!response.errors().isEmpty()) {
            throw new IOException("S3 refused to delete " + response.errors().size() + " object(s) of task " + taskId
                + ": " + response.errors().getFirst().code());
          }
          deleted += response.deleted().size();
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw failure("delete", taskId, e);
    }
    return deleted;
  }

  /** A time-limited GET URL for the asset, for clients sent straight to the object store. */
  public URI presignedUrl(String key, Duration validFor) {
    String object = objectKey(key);
    return URI.create(presigner
        .presignGetObject(b -> b.signatureDuration(validFor).getObjectRequest(g -> g.bucket(bucket).key(object)))
        .url()
        .toString());
  }

  private void putMultipart(String object, Path source, long size, String type, String sha) throws IOException {
    String uploadId = s3.createMultipartUpload(
            b -> b.bucket(bucket).key(object).contentType(type).metadata(Map.of(META_SHA256, sha)))
        .uploadId();
    try (InputStream in = Files.newInputStream(source)) {
      List<CompletedPart> parts = new ArrayList<>();
      int partNumber = 1;
      for (long sent = 0; sent < size; partNumber++) {
        byte[] part = in.readNBytes((int) Math.min(partSize, size - sent));
        if (part.length == 0) {
          throw new IOException("file shrank while uploading: " + source);
        }
        int number = partNumber;
        String etag = s3.uploadPart(
                b -> b.bucket(bucket).key(object).uploadId(uploadId).partNumber(number).contentLength((long) part.length),
                RequestBody.fromBytes(part))
            .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        sent += part.length;
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(object).uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
      } catch (SdkException abortFailed) {
        e.addSuppressed(abortFailed); // the bucket's lifecycle rule reaps what is left
      }
      throw e;
    }
  }

  /** Reads the object back: the upload counts only once the store answers for it with our hash. */
  private StoredAsset landed(String key, String object, long size, String sha) throws IOException {
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(object));
    } catch (SdkException e) {
      throw failure("confirm", key, e);
    }
    if (head.contentLength() != size || !sha.equals(head.metadata().get(META_SHA256))) {
      throw new IOException("S3 holds something else than was written under " + key);
    }
    return new StoredAsset(key, size, head.contentType(), sha, head.lastModified());
  }

  private String objectPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  private String objectKey(String key) {
    if (!AssetKeys.isValid(key)) {
      throw new IllegalArgumentException("invalid asset key: " + key);
    }
    return objectPrefix() + key;
  }

  private static String typeOf(String key, String contentType) {
    return contentType != null ? contentType : AssetKeys.contentTypeOf(key.substring(key.indexOf('/') + 1));
  }

  /** Names the operation and key, never the request's signature or credentials. */
  private IOException failure(String operation, String key, SdkException e) {
    String status = e instanceof S3Exception s3e ? " (HTTP " + s3e.statusCode() + ")" : "";
    return new IOException("object store " + operation + " of " + key + " in bucket " + bucket + " failed" + status
        + ": " + e.getClass().getSimpleName(), e);
  }

  private static String hash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hash(in);
    }
  }

  private static String hash(InputStream in) throws IOException {
    MessageDigest sha256 = sha256();
    try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return etagOf(sha256.digest());
  }

  private static String etagOf(byte[] digest) {
    return HexFormat.of().formatHex(digest).substring(0, ETAG_HEX_CHARS);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }

  @Override
  public String toString() {
    return "S3AssetStore[s3://" + bucket + "/" + prefix + "]";
  }
}
