package io.tributary.delivery.job;

import java.io.Serializable;
import java.util.List;

/**
 * A closed buffer waiting for the checkpoint that covers it, then for its delivery; part of the
 * checkpoint until delivered. Immutable by contract (arrays are shared, not copied).
 *
 * <p>It keeps the records rather than the encoded object: the object is encoded by the publisher,
 * off the task thread, and encoding is deterministic, so a batch delivered again after a restore
 * writes the same bytes under the same key. The records are also what the error output needs when
 * the destination refuses the batch for good.
 *
 * @param key the full object key (prefix and file name)
 * @param errorOutput whether this batch holds encoded error records bound for the error destination
 * @param records the records in order
 * @param arrivals each record's arrival in epoch milliseconds
 * @param rawBytes the records' bytes
 * @param oldestArrivalMillis the arrival of the oldest record
 * @param subtask the subtask that closed the batch
 * @param checkpointBase the id of that subtask's latest snapshot (or restore) when the batch closed:
 *     any later checkpoint of the subtask holds the batch, so its completion commits it
 * @param sequence the batch's number among the batches closed since that snapshot
 */
record ClosedBatch(String key, boolean errorOutput, List<byte[]> records, long[] arrivals, long rawBytes,
    long oldestArrivalMillis, int subtask, long checkpointBase, long sequence) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether the completion of checkpoint {@code checkpointId} commits this batch. */
  boolean committedBy(long checkpointId) {
    return checkpointId > checkpointBase;
  }
}
