package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.InMemoryShardStore;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardLogClosedException;
import io.tributary.broker.StreamRef;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How assignment changes open, close and delete shard logs, and which role the broker takes. */
class ShardRegistryTest {
  private static final String SHARD0 = "shardId-000000000000";
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final InMemoryShardStore store = new InMemoryShardStore(clock);
  private final ShardRegistry registry = new ShardRegistry(1, store, QuotaSettings.DISABLED, clock);

  private static StreamMetadata stream(String uid) {
    return new StreamMetadata("s", uid, StreamMetadata.ACTIVE, "PROVISIONED", 24, 1, 0, 1, 0, 0);
  }

  private static ShardMetadata shard(String id, int leader) {
    HashKeyRange all = HashKeyRange.uniform(1).get(0);
    return new ShardMetadata(id, all.start().toString(), all.end().toString(), List.of(), ShardMetadata.OPEN, leader,
        1, List.of(leader), List.of(leader), -1);
  }

  private static ShardMetadata replicated(int leader, long epoch, List<Integer> replicas) {
    HashKeyRange all = HashKeyRange.uniform(1).get(0);
    return new ShardMetadata(SHARD0, all.start().toString(), all.end().toString(), List.of(), ShardMetadata.OPEN,
        leader, epoch, replicas, replicas, -1);
  }

  @Test
  void opensALedShardOnceBothItsStreamAndItsShardAreKnownInEitherOrder() {
    registry.shardChanged("s", shard(SHARD0, 1));
    assertCode(() -> registry.stream("s"), ErrorCode.RESOURCE_NOT_FOUND);

    registry.streamChanged(stream("u1"));

    LedShard led = registry.led(registry.stream("s"), SHARD0);
    assertThat(led.name()).isEqualTo("shard shardId-000000000000 of stream 's'");
    assertThat(registry.led(registry.stream("s"), "0")).isSameAs(led);
  }

  @Test
  void knowsShardsLedElsewhereWithoutOpeningThem() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", shard(SHARD0, 2));

    assertThat(registry.shardId(registry.stream("s"), SHARD0)).isEqualTo(SHARD0);
    assertCode(() -> registry.led(registry.stream("s"), SHARD0), ErrorCode.NOT_SHARD_OWNER);
    assertCode(() -> registry.led(registry.stream("s"), "shardId-000000000001"), ErrorCode.RESOURCE_NOT_FOUND);
    assertThat(store.contains(new StreamRef("s", "u1"), SHARD0)).isFalse();
  }

  @Test
  void leadershipMovingAwayMakesTheBrokerAFollowerThatKeepsItsData() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", replicated(1, 1, List.of(1, 2)));
    ShardLog log = registry.led(registry.stream("s"), SHARD0).log();
    TestRecords.numbered("a", 2).appendTo(log);

    registry.shardChanged("s", replicated(2, 2, List.of(1, 2)));

    assertThatThrownBy(() -> TestRecords.numbered("b", 1).appendTo(log)).isInstanceOf(ShardLogClosedException.class);
    assertCode(() -> registry.led(registry.stream("s"), SHARD0), ErrorCode.NOT_SHARD_OWNER);
    assertThat(registry.stream("s").followed()).containsKey(SHARD0);
    registry.shardChanged("s", replicated(1, 3, List.of(1, 2)));
    assertThat(registry.stream("s").followed()).isEmpty();
    LedShard led = registry.led(registry.stream("s"), SHARD0);
    assertThat(led.log().nextSequenceNumber()).isEqualTo(2);
    assertThat(led.leaderEpoch()).isEqualTo(3);
  }

  @Test
  void aBrokerNoLongerAReplicaDeletesItsDataOfTheShard() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", replicated(1, 1, List.of(1)));
    TestRecords.numbered("a", 2).appendTo(registry.led(registry.stream("s"), SHARD0).log());

    registry.shardChanged("s", replicated(2, 2, List.of(2)));

    assertCode(() -> registry.led(registry.stream("s"), SHARD0), ErrorCode.NOT_SHARD_OWNER);
    assertThat(store.contains(new StreamRef("s", "u1"), SHARD0)).isFalse();
  }

  @Test
  void metadataOfAnOlderLeaderOrCoordinatorEpochIsIgnored() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", replicated(1, 2, List.of(1, 2)));
    LedShard led = registry.led(registry.stream("s"), SHARD0);

    registry.shardChanged("s", replicated(2, 1, List.of(1, 2)));
    registry.shardChanged("s", replicated(1, 2, List.of(1, 2)).withLeader(2, 3, List.of(1, 2), 0), 5);
    registry.shardChanged("s", replicated(1, 2, List.of(1, 2)), 4);

    assertThat(registry.stream("s").followed()).containsKey(SHARD0);
    assertThat(registry.stream("s").led()).isEmpty();
    assertThatThrownBy(() -> TestRecords.numbered("b", 1).appendTo(led.log()))
        .isInstanceOf(ShardLogClosedException.class);
  }

  @Test
  void aNewEpochOfTheSameLeaderStartsANewLeaderReplica() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", replicated(1, 1, List.of(1)));
    LedShard first = registry.led(registry.stream("s"), SHARD0);

    registry.shardChanged("s", replicated(1, 2, List.of(1)));

    LedShard second = registry.led(registry.stream("s"), SHARD0);
    assertThat(second).isNotSameAs(first);
    assertThat(second.replica().metadata().leaderEpoch()).isEqualTo(2);
  }

  @Test
  void aDeletedStreamLosesItsLogsAndData() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", shard(SHARD0, 1));
    ShardLog log = registry.led(registry.stream("s"), SHARD0).log();

    registry.shardRemoved("s", SHARD0);
    registry.streamRemoved("s");

    assertThatThrownBy(() -> log.read(0, 1, 1)).isInstanceOf(ShardLogClosedException.class);
    assertThat(store.contains(new StreamRef("s", "u1"), SHARD0)).isFalse();
    assertCode(() -> registry.stream("s"), ErrorCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void aRecreatedStreamStartsFromNothing() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", shard(SHARD0, 1));
    TestRecords.numbered("a", 2).appendTo(registry.led(registry.stream("s"), SHARD0).log());

    registry.streamChanged(stream("u2"));
    registry.shardChanged("s", shard(SHARD0, 1));

    assertThat(registry.stream("s").metadata().uid()).isEqualTo("u2");
    assertThat(registry.led(registry.stream("s"), SHARD0).log().nextSequenceNumber()).isZero();
    assertThat(store.contains(new StreamRef("s", "u1"), SHARD0)).isFalse();
    assertCode(() -> registry.stream("s", "u1"), ErrorCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void deletesDataOfEarlierIncarnationsButKeepsDataOfUnknownStreams() {
    store.open(new StreamRef("s", "u0"), SHARD0).close();
    store.open(new StreamRef("gone", "u9"), SHARD0).close();
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", shard(SHARD0, 1));

    assertThat(registry.deleteStaleStreamData()).containsExactly("s-u0");
    assertThat(store.storedStreams()).containsExactlyInAnyOrder("s-u1", "gone-u9");
  }

  private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
