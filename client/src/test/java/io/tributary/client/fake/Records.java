package io.tributary.client.fake;

import com.google.protobuf.ByteString;
import io.tributary.client.ReceivedRecord;
import io.tributary.proto.v1.PutRecordsEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test records with recognisable data. */
public final class Records {
  private Records() {}

  /** Appends records with data {@code prefix + i} for i in [from, to). */
  public static void append(FakeLogs logs, String shardId, String prefix, int from, int to) {
    List<PutRecordsEntry> entries = new ArrayList<>();
    for (int i = from; i < to; i++) {
      entries.add(PutRecordsEntry.newBuilder()
          .setPartitionKey("k" + i)
          .setData(ByteString.copyFromUtf8(prefix + i))
          .build());
    }
    logs.log(shardId).append(entries, 1_000L);
  }

  public static List<String> data(List<ReceivedRecord> records) {
    return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  public static List<String> expected(String prefix, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(prefix + i);
    }
    return out;
  }
}
