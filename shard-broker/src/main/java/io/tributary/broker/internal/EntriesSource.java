package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import io.tributary.broker.AppendSource;
import io.tributary.proto.v1.PutRecordsEntry;
import java.util.List;

/**
 * The records of one ShardPut as an {@link AppendSource}, without copying them, from record {@code
 * offset} on (a retried batch skips what the shard already holds). Immutable view.
 */
record EntriesSource(List<PutRecordsEntry> entries, int offset, long producerId, long firstProducerSequence)
    implements AppendSource {
  EntriesSource(List<PutRecordsEntry> entries) {
    this(entries, 0, 0, 0);
  }

  @Override
  public int size() {
    return entries.size() - offset;
  }

  @Override
  public ByteString partitionKey(int index) {
    return entries.get(offset + index).getPartitionKeyBytes();
  }

  @Override
  public ByteString data(int index) {
    return entries.get(offset + index).getData();
  }

  /** The same batch without its first {@code n} records; producer sequences move along. */
  EntriesSource skip(int n) {
    return n == 0 ? this : new EntriesSource(entries, offset + n, producerId, firstProducerSequence + n);
  }
}
