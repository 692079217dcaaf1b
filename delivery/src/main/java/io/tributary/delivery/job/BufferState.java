package io.tributary.delivery.job;

import io.tributary.delivery.ErrorOutputType;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * An open buffer as a checkpoint stores it. Immutable by contract (arrays are shared, not copied).
 *
 * @param partitionKeys the buffer's partition key values (empty without dynamic partitioning)
 * @param errorType the error output the buffer collects for, or null for a data buffer
 * @param records the buffered records in arrival order (encoded error records for error buffers)
 * @param arrivals each record's arrival in epoch milliseconds
 */
record BufferState(Map<String, String> partitionKeys, ErrorOutputType errorType, List<byte[]> records,
    long[] arrivals) implements Serializable {
  private static final long serialVersionUID = 1L;
}
