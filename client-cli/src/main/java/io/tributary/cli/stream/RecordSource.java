package io.tributary.cli.stream;

import io.tributary.client.GetRecordsResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.StreamReader;
import java.util.List;

/**
 * Records of one shard or of a whole stream, with a notion of "caught up": everything written
 * before the read began has been returned. Confined to the reading thread.
 */
public interface RecordSource extends AutoCloseable {
  List<ReceivedRecord> poll(int limit);

  /** True when the last polls returned nothing and the readers are at the end of every shard. */
  boolean caughtUp();

  @Override
  void close();

  static RecordSource of(ShardReader reader) {
    return new OfShard(reader);
  }

  /**
   * A stream reader is caught up when as many consecutive polls as the stream has shards returned
   * nothing while it reports no lag, so that every shard has had its turn whichever way the reader
   * rotates over them.
   */
  static RecordSource of(StreamReader reader, int shardCount) {
    return new OfStream(reader, Math.max(1, shardCount));
  }

  /** One shard: caught up at an empty answer with no lag, or once a closed shard is read to its end. */
  final class OfShard implements RecordSource {
    private final ShardReader reader;
    private boolean caughtUp;

    OfShard(ShardReader reader) {
      this.reader = reader;
    }

    @Override
    public List<ReceivedRecord> poll(int limit) {
      GetRecordsResult result = reader.poll(limit);
      caughtUp = reader.finished() || (result.records().isEmpty() && result.millisBehindLatest() == 0);
      return result.records();
    }

    @Override
    public boolean caughtUp() {
      return caughtUp;
    }

    @Override
    public void close() {
      reader.close();
    }
  }

  /** Every shard, parents before children, through the client's stream reader. */
  final class OfStream implements RecordSource {
    private final StreamReader reader;
    private final int emptyPollsNeeded;
    private int emptyPolls;

    OfStream(StreamReader reader, int emptyPollsNeeded) {
      this.reader = reader;
      this.emptyPollsNeeded = emptyPollsNeeded;
    }

    @Override
    public List<ReceivedRecord> poll(int limit) {
      List<ReceivedRecord> records = reader.poll(limit);
      if (records.isEmpty() && reader.millisBehindLatest() == 0) {
        emptyPolls++;
      } else {
        emptyPolls = 0;
      }
      return records;
    }

    @Override
    public boolean caughtUp() {
      return emptyPolls >= emptyPollsNeeded;
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}
