package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.GetRecordsResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.StreamReader;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSourceTest {
  private static final ReceivedRecord R = new ReceivedRecord("s0", 0, 0, "k", new byte[0]);

  @Test
  void aStreamIsCaughtUpOnlyAfterOneEmptyPollPerShard() {
    FakeStreamReader reader = new FakeStreamReader(List.of(R), List.of(), List.of(), List.of(R), List.of(),
        List.of(), List.of());
    RecordSource source = RecordSource.of(reader, 3);

    boolean[] caughtUp = new boolean[7];
    for (int i = 0; i < 7; i++) {
      source.poll(10);
      caughtUp[i] = source.caughtUp();
    }

    assertThat(caughtUp).containsExactly(false, false, false, false, false, false, true);
  }

  @Test
  void aLaggingStreamIsNotCaughtUpEvenWhenAPollIsEmpty() {
    FakeStreamReader reader = new FakeStreamReader(List.of(), List.of());
    reader.lag = 500;
    RecordSource source = RecordSource.of(reader, 1);

    source.poll(10);

    assertThat(source.caughtUp()).isFalse();
  }

  @Test
  void aShardIsCaughtUpAtAnEmptyAnswerWithoutLagOrWhenFinished() {
    FakeShardReader reader = new FakeShardReader();
    RecordSource source = RecordSource.of(reader);
    reader.next = new GetRecordsResult(List.of(R), "it", 0);
    source.poll(1);
    assertThat(source.caughtUp()).isFalse();
    reader.next = new GetRecordsResult(List.of(), "it", 30);
    source.poll(1);
    assertThat(source.caughtUp()).isFalse();
    reader.next = new GetRecordsResult(List.of(), "it", 0);
    source.poll(1);
    assertThat(source.caughtUp()).isTrue();
    reader.next = new GetRecordsResult(List.of(R), null, 0);
    reader.finished = true;
    source.poll(1);
    assertThat(source.caughtUp()).isTrue();
  }

  @Test
  void endMarksAreReachedWhenEveryNonEmptyShardWasReadToItsLastRecordAtTheStart() {
    StreamDescription d = StreamDescription.newBuilder()
        .addShards(shard("s0", 0, 3))
        .addShards(shard("s1", 0, 0))
        .addShards(shard("s2", 2, 5))
        .addShards(ShardInfo.newBuilder().setShardId("s3"))
        .build();
    EndMarks marks = EndMarks.of(d, null);

    marks.seen(List.of(new ReceivedRecord("s0", 2, 0, "k", new byte[0])));
    assertThat(marks.reached()).isFalse();
    marks.seen(List.of(new ReceivedRecord("s0", 2, 0, "k", new byte[0]),
        new ReceivedRecord("s2", 4, 0, "k", new byte[0])));
    assertThat(marks.reached()).isTrue();
  }

  @Test
  void endMarksOfOneShardOrOfEmptyShardsAreNeverReached() {
    StreamDescription d = StreamDescription.newBuilder()
        .addShards(shard("s0", 0, 3)).addShards(shard("s1", 0, 0)).build();

    EndMarks one = EndMarks.of(d, "s0");
    one.seen(List.of(new ReceivedRecord("s0", 2, 0, "k", new byte[0])));
    assertThat(one.reached()).isTrue();
    assertThat(EndMarks.of(d, "s1").reached()).isFalse();
  }

  private static ShardInfo shard(String id, long first, long next) {
    return ShardInfo.newBuilder().setShardId(id).setSequenceRangeKnown(true)
        .setFirstSequenceNumber(first).setNextSequenceNumber(next).build();
  }

  private static final class FakeStreamReader implements StreamReader {
    private final Deque<List<ReceivedRecord>> polls;
    long lag;

    @SafeVarargs
    FakeStreamReader(List<ReceivedRecord>... polls) {
      this.polls = new ArrayDeque<>(List.of(polls));
    }

    @Override
    public List<ReceivedRecord> poll(int limit) {
      return polls.isEmpty() ? List.of() : polls.poll();
    }

    @Override
    public long millisBehindLatest() {
      return lag;
    }

    @Override
    public void close() {}
  }

  private static final class FakeShardReader implements ShardReader {
    GetRecordsResult next;
    boolean finished;

    @Override
    public GetRecordsResult poll(int limit) {
      return next;
    }

    @Override
    public boolean finished() {
      return finished;
    }

    @Override
    public void close() {}
  }
}
