package io.tributary.worker.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.worker.connectors.ShardBounds.ShardEnd;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardBoundsTest {
  private static final List<String> SHARDS =
      IntStream.range(0, 6).mapToObj(i -> String.format("shardId-%012d", i)).toList();

  @Test
  void aRestoreKeepsTheRecordedEndsOfTheShardsItNowOwnsWithoutAskingTheStream() {
    List<Object> restored = new java.util.ArrayList<>();
    for (int i = 0; i < SHARDS.size(); i++) {
      restored.add(new ShardEnd(SHARDS.get(i), i == 0 ? ShardBounds.EMPTY : 100L + i));
    }
    restored.add(new StreamSourceReader.ShardPosition(SHARDS.get(1), 50, false));

    for (int subtask = 0; subtask < 3; subtask++) {
      ShardBounds bounds = new ShardBounds(null, "s", subtask, 3, Clock.systemUTC()); // no client: must not call it
      bounds.restoreOrRecord(restored);
      int owner = subtask;
      List<String> owned = SHARDS.stream().filter(s -> ShardOwnership.owns(s, owner, 3)).toList();

      assertThat(bounds.snapshot()).extracting(ShardEnd::shardId).containsExactlyInAnyOrderElementsOf(owned);
      for (String shard : owned) {
        long end = bounds.lastOf(shard);
        assertThat(bounds.nothingLeft(shard, -1)).isEqualTo(end == ShardBounds.EMPTY);
        assertThat(bounds.nothingLeft(shard, end)).isTrue();
      }
      assertThat(bounds.allDone(Set.copyOf(owned))).isTrue();
      assertThat(bounds.allDone(Set.of())).isEqualTo(owned.isEmpty());
    }
  }

  @Test
  void aShardWithoutARecordedEndWasCreatedAfterTheStartAndIsNotRead() {
    ShardBounds bounds = new ShardBounds(null, "s", 0, 1, Clock.systemUTC());
    bounds.restoreOrRecord(List.of(new ShardEnd(SHARDS.get(0), 10)));

    assertThat(bounds.nothingLeft(SHARDS.get(0), 9)).isFalse();
    assertThat(bounds.nothingLeft(SHARDS.get(1), -1)).isTrue();
  }
}
