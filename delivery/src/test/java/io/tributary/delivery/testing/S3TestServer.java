package io.tributary.delivery.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * An S3-compatible store for tests: S3Proxy over an in-memory blob store on 127.0.0.1 and a free
 * port, with signature checking on. Thread-safe after {@link #start()}. Tests inspect objects
 * through the blob store directly, so a bug in the code under test cannot hide in the reading side.
 */
public final class S3TestServer implements AutoCloseable {
  private static final String ACCESS_KEY = "tributary-test-access";
  private static final String SECRET_KEY = "tributary-test-secret";

  private BlobStoreContext context;
  private S3Proxy proxy;

  /** Starts the store; returns this for chaining. */
  public S3TestServer start() throws Exception {
    context = ContextBuilder.newBuilder("transient")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    Awaitility.await("S3Proxy started").atMost(30, TimeUnit.SECONDS).pollInterval(10, TimeUnit.MILLISECONDS)
        .until(() -> "STARTED".equals(proxy.getState()) && proxy.getPort() > 0);
    return this;
  }

  /** The endpoint URL for the s3.endpoint option, e.g. http://127.0.0.1:40123. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** Every object of {@code bucket} whose key starts with {@code prefix}, by key. */
  public Map<String, byte[]> objects(String bucket, String prefix) {
    BlobStore store = context.getBlobStore();
    Map<String, byte[]> out = new TreeMap<>();
    ListContainerOptions options = ListContainerOptions.Builder.recursive();
    if (!prefix.isEmpty()) {
      options = options.prefix(prefix);
    }
    String marker = null;
    do {
      ListContainerOptions page = marker == null ? options : options.afterMarker(marker);
      var listing = store.list(bucket, page);
      for (StorageMetadata m : listing) {
        if (m.getType() == StorageType.BLOB && m.getName().startsWith(prefix)) {
          out.put(m.getName(), read(store.getBlob(bucket, m.getName())));
        }
      }
      marker = listing.getNextMarker();
    } while (marker != null);
    return out;
  }

  private static byte[] read(Blob blob) {
    try (InputStream in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } finally {
      if (context != null) {
        context.close();
      }
    }
  }
}
