package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.ShardPut;
import java.util.List;

/**
 * Checks a whole PutRecords request against the Kinesis limits before anything is written, and
 * computes every record's hash key on the way. Stateless.
 *
 * <p>One failed check fails the request, so a producer never sees half of a malformed batch stored.
 */
final class PutValidator {
  private PutValidator() {}

  /** The hash keys of the request's records, in request order (batch by batch). */
  record HashKeys(long[] high, long[] low) {}

  static HashKeys validate(List<ShardPut> puts) {
    int total = 0;
    for (ShardPut put : puts) {
      total += put.getRecordsCount();
    }
    if (total == 0) {
      throw Errors.invalid("PutRecords got no records; send 1 to " + Limits.MAX_BATCH_RECORDS);
    }
    if (total > Limits.MAX_BATCH_RECORDS) {
      throw Errors.invalid(
          "PutRecords got " + total + " records; send at most " + Limits.MAX_BATCH_RECORDS + " per request");
    }
    long[] high = new long[total];
    long[] low = new long[total];
    long bytes = 0;
    int slot = 0;
    for (ShardPut put : puts) {
      for (int i = 0; i < put.getRecordsCount(); i++, slot++) {
        bytes += check(put.getRecords(i), i, put.getShardId(), high, low, slot);
      }
    }
    if (bytes > Limits.MAX_BATCH_BYTES) {
      throw Errors.invalid(
          "PutRecords request holds " + bytes + " bytes of partition keys and data; send at most "
              + Limits.MAX_BATCH_BYTES + " (5 MiB) per request");
    }
    return new HashKeys(high, low);
  }

  /** Checks one record and stores its hash key; returns its size. */
  private static long check(PutRecordsEntry entry, int index, String shardId, long[] high, long[] low, int slot) {
    int keyChars = entry.getPartitionKey().length();
    if (keyChars == 0 || keyChars > Limits.MAX_PARTITION_KEY_CHARS) {
      throw Errors.invalid(
          where(index, shardId) + (keyChars == 0 ? "has an empty partition key" : "has a partition key of "
              + keyChars + " characters") + "; use 1 to " + Limits.MAX_PARTITION_KEY_CHARS + " characters");
    }
    ByteString key = entry.getPartitionKeyBytes();
    long size = (long) key.size() + entry.getData().size();
    if (size > Limits.MAX_RECORD_BYTES) {
      throw Errors.invalid(
          where(index, shardId) + "holds " + size + " bytes of partition key and data; the limit is "
              + Limits.MAX_RECORD_BYTES + " (1 MiB)");
    }
    String explicit = entry.getExplicitHashKey();
    if (explicit.isEmpty()) {
      PartitionHashes.hash(key, high, low, slot);
    } else {
      HashKey hashKey = parseExplicit(explicit, index, shardId);
      high[slot] = hashKey.high();
      low[slot] = hashKey.low();
    }
    return size;
  }

  private static HashKey parseExplicit(String explicit, int index, String shardId) {
    try {
      return HashKey.parse(explicit);
    } catch (TributaryException e) {
      throw Errors.invalid(where(index, shardId) + "is rejected: " + e.getMessage());
    }
  }

  private static String where(int index, String shardId) {
    return "record " + index + " of the batch for shard '" + shardId + "' ";
  }
}
