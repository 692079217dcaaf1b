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

/** How assignment changes open, close and delete shard logs. */
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
  void leadershipMovingAwayClosesTheLogButKeepsItsData() {
    registry.streamChanged(stream("u1"));
    registry.shardChanged("s", shard(SHARD0, 1));
    ShardLog log = registry.led(registry.stream("s"), SHARD0).log();
    TestRecords.numbered("a", 2).appendTo(log);

    registry.shardChanged("s", shard(SHARD0, 2));

    assertThatThrownBy(() -> TestRecords.numbered("b", 1).appendTo(log)).isInstanceOf(ShardLogClosedException.class);
    assertCode(() -> registry.led(registry.stream("s"), SHARD0), ErrorCode.NOT_SHARD_OWNER);
    registry.shardChanged("s", shard(SHARD0, 1));
    assertThat(registry.led(registry.stream("s"), SHARD0).log().nextSequenceNumber()).isEqualTo(2);
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
