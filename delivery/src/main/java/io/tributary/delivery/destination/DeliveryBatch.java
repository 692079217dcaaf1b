package io.tributary.delivery.destination;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One closed buffer on its way to a destination: an object for files and object stores, a request
 * for HTTP endpoints, a transaction for databases. Immutable by contract (arrays are shared, not
 * copied); Serializable because undelivered batches are part of the delivery job's checkpoints.
 *
 * @param key the object's key below the destination's root (prefix + file name), also its identity:
 *     a batch delivered twice has the same key both times
 * @param body the encoded object (file and S3 destinations), or null
 * @param records the records one by one (HTTP and JDBC destinations), empty for object stores
 * @param recordCount records in the batch
 * @param rawBytes the records' bytes before encoding
 * @param oldestArrivalMillis the arrival of the batch's oldest record
 */
public record DeliveryBatch(String key, byte[] body, List<byte[]> records, int recordCount, long rawBytes,
    long oldestArrivalMillis) implements Serializable {
  private static final long serialVersionUID = 1L;

  public DeliveryBatch {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a delivery batch needs a key");
    }
    records = records == null ? List.of() : List.copyOf(records);
  }

  /** The request id HTTP endpoints see: derived from the key, so a retried batch sends the same id. */
  public String requestId() {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The bytes written to the destination: the body, or the records' sizes. */
  public long deliveredBytes() {
    if (body != null) {
      return body.length;
    }
    long n = 0;
    for (byte[] r : records) {
      n += r.length;
    }
    return n;
  }
}
