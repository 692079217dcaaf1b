package io.tributary.delivery.destination;

import io.tributary.delivery.spec.DestinationUri;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts each batch as the object {@code <prefix><key>} of a bucket in S3 or an S3-compatible store.
 * Confined to one delivering thread (the SDK client itself is thread-safe). A PutObject replaces the
 * whole object atomically, so a batch put again after a recovery leaves one object with the same
 * bytes.
 */
final class S3Destination implements Destination {
  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final String description;

  S3Destination(S3Client client, DestinationUri uri) {
    this.client = client;
    this.bucket = uri.location();
    this.prefix = uri.path();
    this.description = uri.uri();
  }

  @Override
  public void deliver(DeliveryBatch batch) throws IOException {
    String key = prefix + batch.key();
    byte[] body = batch.body() == null ? new byte[0] : batch.body();
    try {
      client.putObject(b -> b.bucket(bucket).key(key).contentLength((long) body.length),
          RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw new IOException("S3 destination " + description + ": PutObject of s3://" + bucket + "/" + key
          + " failed (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    client.close();
  }
}
