package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import io.tributary.broker.AppendSource;
import io.tributary.proto.v1.PutRecordsEntry;
import java.util.List;

/** The records of one ShardPut as an {@link AppendSource}, without copying them. Immutable view. */
record EntriesSource(List<PutRecordsEntry> entries) implements AppendSource {
  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public ByteString partitionKey(int index) {
    return entries.get(index).getPartitionKeyBytes();
  }

  @Override
  public ByteString data(int index) {
    return entries.get(index).getData();
  }
}
