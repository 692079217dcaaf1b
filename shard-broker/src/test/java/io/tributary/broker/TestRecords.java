package io.tributary.broker;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.RecordBatch;
import java.util.ArrayList;
import java.util.List;

/** Builds append sources and decodes read batches in tests. */
public final class TestRecords implements AppendSource {
  private final List<ByteString> keys = new ArrayList<>();
  private final List<ByteString> data = new ArrayList<>();

  /** Records with keys {@code prefix-0..n-1} and data {@code value-<prefix>-i}. */
  public static TestRecords numbered(String prefix, int n) {
    TestRecords records = new TestRecords();
    for (int i = 0; i < n; i++) {
      records.add(prefix + "-" + i, "value-" + prefix + "-" + i);
    }
    return records;
  }

  public TestRecords add(String key, String value) {
    return add(key, ByteString.copyFromUtf8(value));
  }

  public TestRecords add(String key, ByteString value) {
    keys.add(ByteString.copyFromUtf8(key));
    data.add(value);
    return this;
  }

  @Override
  public int size() {
    return keys.size();
  }

  @Override
  public ByteString partitionKey(int index) {
    return keys.get(index);
  }

  @Override
  public ByteString data(int index) {
    return data.get(index);
  }

  /** These records as sent by idempotent producer {@code producerId}, from {@code firstProducerSequence} on. */
  public AppendSource asProducer(long producerId, long firstProducerSequence) {
    TestRecords records = this;
    return new AppendSource() {
      @Override
      public int size() {
        return records.size();
      }

      @Override
      public ByteString partitionKey(int index) {
        return records.partitionKey(index);
      }

      @Override
      public ByteString data(int index) {
        return records.data(index);
      }

      @Override
      public long producerId() {
        return producerId;
      }

      @Override
      public long firstProducerSequence() {
        return firstProducerSequence;
      }
    };
  }

  /** Appends every record of this source. */
  public Appended appendTo(ShardLog log) {
    return log.append(this, size(), 0);
  }

  public static List<Record> decode(ReadBatch batch) {
    return decode(batch.records());
  }

  public static List<Record> decode(ByteString batch) {
    try {
      return RecordBatch.parseFrom(batch).getRecordsList();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a RecordBatch: " + e.getMessage(), e);
    }
  }

  public static List<Long> sequences(ReadBatch batch) {
    return decode(batch).stream().map(Record::getSequenceNumber).toList();
  }
}
