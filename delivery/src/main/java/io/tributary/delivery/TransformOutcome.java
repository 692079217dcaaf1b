package io.tributary.delivery;

import java.util.Map;

/**
 * The checked outcome of transforming one record, as the delivery runtime acts on it. Immutable by
 * contract: data arrays are shared, not copied.
 */
public sealed interface TransformOutcome {
  String recordId();

  /** Deliver {@code data}, partitioned by {@code partitionKeys} if the transform chose any. */
  record Ok(String recordId, byte[] data, Map<String, String> partitionKeys)
      implements TransformOutcome {}

  /** Discarded on purpose by the transform; counts as delivered. */
  record Dropped(String recordId) implements TransformOutcome {}

  /**
   * Send {@code originalData} (the record as it came in) to the error output as {@link
   * ErrorOutputType#PROCESSING_FAILED}, with {@code reason}.
   */
  record ProcessingFailed(String recordId, byte[] originalData, String reason)
      implements TransformOutcome {}
}
