package io.tributary.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.tributary.client.ReceivedRecord;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.RecordBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the RecordBatch bytes of a get-records answer or a subscription event into records.
 * Stateless. Parsing aliases the input, so each record's data is copied exactly once, into the
 * array the caller keeps.
 */
public final class RecordDecoder {
  private RecordDecoder() {}

  public static List<ReceivedRecord> decode(String shardId, ByteString records) {
    if (records.isEmpty()) {
      return List.of();
    }
    RecordBatch batch;
    try {
      CodedInputStream in = records.newCodedInput();
      in.enableAliasing(true);
      batch = RecordBatch.parseFrom(in);
    } catch (IOException e) {
      throw new TributaryException(
          ErrorCode.INTERNAL, "a broker sent records of shard '" + shardId + "' that do not parse: " + e.getMessage(), e);
    }
    List<ReceivedRecord> out = new ArrayList<>(batch.getRecordsCount());
    for (Record r : batch.getRecordsList()) {
      out.add(new ReceivedRecord(
          shardId, r.getSequenceNumber(), r.getArrivalMillis(), r.getPartitionKey(), r.getData().toByteArray()));
    }
    return out;
  }
}
