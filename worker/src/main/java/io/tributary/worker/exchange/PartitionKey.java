package io.tributary.worker.exchange;

import io.tributary.worker.TaskKey;

/** Names one result partition: output edge {@code outputIndex} of subtask {@code producer}. */
record PartitionKey(TaskKey producer, int outputIndex) {
  @Override
  public String toString() {
    return producer + " output " + outputIndex;
  }
}
