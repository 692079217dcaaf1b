package io.tributary.delivery.format;

import io.tributary.delivery.ErrorOutputType;
import java.io.Serializable;

/**
 * One record that went to the error output, with why. Immutable by contract (the data array is
 * shared, not copied).
 *
 * @param type which step failed
 * @param errorCode a short machine-readable code, e.g. "Lambda.FunctionError" style names:
 *     "Transform.ProcessingFailed", "Partitioning.KeyNotFound", "Conversion.SchemaMismatch",
 *     "Delivery.Failed"
 * @param errorMessage the reason, for people
 * @param rawData the record as it arrived
 * @param arrivalMillis the record's arrival at the source stream
 * @param attemptsMade delivery attempts made (0 when it failed before delivery)
 * @param attemptEndingMillis when the failing step ended
 * @param deliveryStream the delivery stream's name
 */
public record ErrorRecord(ErrorOutputType type, String errorCode, String errorMessage, byte[] rawData,
    long arrivalMillis, int attemptsMade, long attemptEndingMillis, String deliveryStream) implements Serializable {
  private static final long serialVersionUID = 1L;
}
