package io.tributary.client.internal;

import io.tributary.client.PutResult;
import io.tributary.proto.v1.PutRecordsEntry;
import java.util.concurrent.CompletableFuture;

/**
 * A record a producer accepted, and the future its sender receives. The request entry and the hash
 * key are computed once, on the sending thread. Completion is thread-safe; the other mutable field
 * is confined to the producer's sender thread. Being the future itself saves an object per record.
 */
final class PendingRecord extends CompletableFuture<PutResult> {
  final PutRecordsEntry entry;
  final long hashHigh;
  final long hashLow;
  final int size;
  /** When the record's delivery time runs out, on the client clock; set when the sender takes it. */
  long deadlineMillis;
  /** Idempotent producers: the queue whose shard numbered this record, or null before its first send. */
  ShardQueue numberedIn;
  /** The producer id under which {@link #producerSequence} was given. */
  long numberedUnder;
  long producerSequence;

  /** Whether a broker may have written this record under its current number: its outcome is unknown. */
  boolean mayBeWritten() {
    return numberedIn != null;
  }

  PendingRecord(PutRecordsEntry entry, long hashHigh, long hashLow, int size) {
    this.entry = entry;
    this.hashHigh = hashHigh;
    this.hashLow = hashLow;
    this.size = size;
  }
}
