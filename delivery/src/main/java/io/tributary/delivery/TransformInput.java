package io.tributary.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One record handed to a {@link RecordTransform}. Immutable by contract: the data array is shared,
 * not copied, to keep the hot path free of copies, so nobody may modify it.
 *
 * @param recordId the id the transform must return with its result
 * @param approximateArrival when the delivery stream received the record
 * @param data the record's bytes
 */
public record TransformInput(String recordId, Instant approximateArrival, byte[] data) {
  public TransformInput {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(approximateArrival, "approximateArrival");
    Objects.requireNonNull(data, "data");
  }
}
