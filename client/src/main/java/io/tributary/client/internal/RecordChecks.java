package io.tributary.client.internal;

import io.tributary.client.PutRecord;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.Limits;
import java.util.List;

/**
 * The Kinesis limits a write must meet, checked in the client so that a bad record fails at once
 * with a message naming the limit, before anything is sent. Stateless.
 */
public final class RecordChecks {
  private RecordChecks() {}

  /**
   * Checks one record and returns its counted size: partition key bytes (UTF-8) plus data bytes.
   *
   * @throws io.tributary.common.error.TributaryException INVALID_ARGUMENT naming the broken limit
   */
  public static int check(PutRecord record) {
    if (record == null) {
      throw Errors.invalid("a record is null; pass a PutRecord with a partition key and data");
    }
    return check(record.partitionKey(), record.data());
  }

  /** As {@link #check(PutRecord)}, for a partition key and data. */
  public static int check(String partitionKey, byte[] data) {
    if (partitionKey == null || partitionKey.isEmpty() || partitionKey.length() > Limits.MAX_PARTITION_KEY_CHARS) {
      throw Errors.invalid(
          "partition key must be 1 to " + Limits.MAX_PARTITION_KEY_CHARS + " characters, got "
              + (partitionKey == null ? "none" : partitionKey.length() + " characters"));
    }
    if (data == null) {
      throw Errors.invalid("record data is null; send an empty array for a record without data");
    }
    int size = utf8Length(partitionKey) + data.length;
    if (size > Limits.MAX_RECORD_BYTES) {
      throw Errors.invalid(
          "record of " + size + " bytes (partition key plus data) exceeds the limit of " + Limits.MAX_RECORD_BYTES
              + " bytes per record; split the data into smaller records");
    }
    return size;
  }

  /**
   * Checks a PutRecords request: 1 to 500 records of at most 5 MiB in total, each valid.
   *
   * @return the counted size of each record
   */
  public static int[] checkRequest(List<PutRecord> records) {
    if (records == null || records.isEmpty() || records.size() > Limits.MAX_BATCH_RECORDS) {
      throw Errors.invalid(
          "putRecords takes 1 to " + Limits.MAX_BATCH_RECORDS + " records per request, got "
              + (records == null ? 0 : records.size()) + "; split the batch or use a Producer");
    }
    int[] sizes = new int[records.size()];
    long total = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = check(records.get(i));
      total += sizes[i];
    }
    if (total > Limits.MAX_BATCH_BYTES) {
      throw Errors.invalid(
          "putRecords request of " + total + " bytes (partition keys plus data) exceeds the limit of "
              + Limits.MAX_BATCH_BYTES + " bytes per request; split the batch or use a Producer");
    }
    return sizes;
  }

  /** Bytes of {@code s} in UTF-8, without encoding it. */
  public static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2; // four bytes for the pair of two chars
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }
}
