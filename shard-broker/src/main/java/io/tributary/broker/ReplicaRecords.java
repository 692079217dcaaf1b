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
        records.add(header(in.readBytes()));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed record batch: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable record batch: " + e.getMessage(), e);
    }
    return records;
  }

  /**
   * Reads only the sequence number, arrival time and epoch of a stored record, skipping its key and
   * data: a follower copies millions of records and needs nothing else from them.
   */
  private static ReplicaRecord header(ByteString stored) throws IOException {
    CodedInputStream in = stored.newCodedInput();
    long sequence = 0;
    long arrival = 0;
    long epoch = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case Record.SEQUENCE_NUMBER_FIELD_NUMBER -> sequence = in.readInt64();
        case Record.ARRIVAL_MILLIS_FIELD_NUMBER -> arrival = in.readInt64();
        case Record.LEADER_EPOCH_FIELD_NUMBER -> epoch = in.readInt64();
        default -> in.skipField(tag);
      }
    }
    return new ReplicaRecord(sequence, arrival, epoch, stored);
  }
}
