package io.tributary.broker;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.tributary.proto.v1.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splits a RecordBatch in wire form into its records' exact stored bytes. Stateless. */
public final class ReplicaRecords {
  private static final int RECORD_TAG = (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private ReplicaRecords() {}

  /**
   * The records of {@code batch} (as a leader's log read returns them), each with the bytes it is
   * stored as, so that a follower appends exactly what its leader holds.
   *
   * @throws IllegalArgumentException if {@code batch} is not a RecordBatch
   */
  public static List<ReplicaRecord> parse(ByteString batch) {
    List<ReplicaRecord> records = new ArrayList<>();
    CodedInputStream in = batch.newCodedInput();
    try {
      while (!in.isAtEnd()) {
        int tag = in.readTag();
        if (tag != RECORD_TAG) {
          throw new IllegalArgumentException("a record batch holds field tag " + tag + " where only records belong");
        }
        ByteString stored = in.readBytes();
        Record record = Record.parseFrom(stored);
        records.add(new ReplicaRecord(
            record.getSequenceNumber(), record.getArrivalMillis(), record.getLeaderEpoch(), stored));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed record batch: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable record batch: " + e.getMessage(), e);
    }
    return records;
  }
}
