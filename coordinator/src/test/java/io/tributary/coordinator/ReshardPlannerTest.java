package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.Resharding;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ReshardPlannerTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final long TERM = 5;
  private static final ReshardPlanner.Placement BROKER_7 =
      new ReshardPlanner.Placement(n -> Collections.nCopies(n, List.of(7, 8, 9)), TERM);
  private static final ReshardPlanner.Origin OPERATOR = ReshardPlanner.Origin.OPERATOR;

  @Test
  void splitClosesTheParentAndOpensTwoChildrenThatCoverItsRange() {
    StreamSnapshot stream = stream("PROVISIONED", StreamMetadata.ACTIVE, 2);

    ReshardPlan plan = ReshardPlanner.split(stream, ShardIds.of(1), Optional.empty(), OPERATOR, BROKER_7, NOW);

    HashKeyRange parent = HashKeyRange.uniform(2).get(1);
    assertThat(plan.changed().status()).isEqualTo(StreamMetadata.UPDATING);
    assertThat(plan.changed().nextShardIndex()).isEqualTo(4);
    assertThat(plan.closed()).extracting(ShardMetadata::shardId, ShardMetadata::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ShardIds.of(1), ShardMetadata.CLOSED));
    assertThat(plan.created()).extracting(ShardMetadata::shardId).containsExactly(ShardIds.of(2), ShardIds.of(3));
    assertThat(plan.created()).extracting(ShardMetadata::hashKeyRange)
        .isEqualTo(Resharding.split(parent, Resharding.middle(parent)));
    assertThat(plan.created()).allSatisfy(child -> {
      assertThat(child.parentShardIds()).containsExactly(ShardIds.of(1));
      assertThat(child.open()).isTrue();
      assertThat(child.leader()).isEqualTo(7);
      assertThat(child.replicas()).containsExactly(7, 8, 9);
      assertThat(child.inSyncReplicas()).containsExactly(7, 8, 9);
      assertThat(child.leaderEpoch()).isZero();
      assertThat(child.coordinatorEpoch()).isEqualTo(TERM);
    });
    assertThat(plan.closed()).allSatisfy(closed -> assertThat(closed.coordinatorEpoch()).isEqualTo(TERM));
    assertThat(plan.event()).isEqualTo(new ScalingRecord(NOW, "split", "operator", List.of(ShardIds.of(1)),
        List.of(ShardIds.of(2), ShardIds.of(3))));
  }

  @Test
  void splitAtAnExplicitKeyMustBeStrictlyInsideAnOpenShard() {
    StreamSnapshot stream = stream("PROVISIONED", StreamMetadata.ACTIVE, 2);
    HashKey start = HashKeyRange.uniform(2).get(1).start();
    assertInvalid(() -> split(stream, ShardIds.of(1), start), "is not strictly inside the hash range of shard");
    assertInvalid(() -> split(stream, ShardIds.of(1), HashKey.MIN), "give a key greater than its start");
    HashKey next = HashKey.of(start.toBigInteger().add(BigInteger.ONE));
    assertThat(split(stream, ShardIds.of(1), next).created().get(1).startingHashKey()).isEqualTo(next.toString());
    assertThat(split(stream, ShardIds.of(1), HashKey.MAX).created().get(1).startingHashKey())
        .isEqualTo(HashKey.MAX.toString());
    assertInvalid(() -> split(closedFirst(stream), ShardIds.of(0), HashKey.MAX), "is CLOSED and cannot be split");
    assertFails(() -> split(stream, ShardIds.of(9), HashKey.MAX), ErrorCode.RESOURCE_NOT_FOUND,
        "shard 'shardId-000000000009' does not exist in stream 's'");
  }

  @Test
  void mergeTakesTwoAdjacentOpenShardsInEitherOrder() {
    StreamSnapshot stream = stream("PROVISIONED", StreamMetadata.ACTIVE, 3);

    ReshardPlan plan = ReshardPlanner.merge(stream, ShardIds.of(2), ShardIds.of(1), OPERATOR, BROKER_7, NOW);

    ShardMetadata child = plan.created().get(0);
    assertThat(child.shardId()).isEqualTo(ShardIds.of(3));
    assertThat(child.parentShardIds()).containsExactly(ShardIds.of(1), ShardIds.of(2));
    assertThat(child.hashKeyRange()).isEqualTo(
        Resharding.merge(HashKeyRange.uniform(3).get(1), HashKeyRange.uniform(3).get(2)));
    assertThat(plan.closed()).extracting(ShardMetadata::shardId).containsExactly(ShardIds.of(1), ShardIds.of(2));

    assertInvalid(() -> ReshardPlanner.merge(stream, ShardIds.of(0), ShardIds.of(2), OPERATOR, BROKER_7, NOW),
        "are not adjacent");
    assertInvalid(() -> ReshardPlanner.merge(stream, ShardIds.of(1), ShardIds.of(1), OPERATOR, BROKER_7, NOW),
        "cannot merge shard 'shardId-000000000001' with itself");
    assertInvalid(() -> ReshardPlanner.merge(closedFirst(stream), ShardIds.of(1), ShardIds.of(0), OPERATOR,
        BROKER_7, NOW), "is CLOSED and cannot be merged");
  }

  @Test
  void scaleClosesAllOpenShardsAndNamesOverlappingParents() {
    StreamSnapshot stream = stream("PROVISIONED", StreamMetadata.ACTIVE, 2);

    ReshardPlan plan = ReshardPlanner.scale(stream, 3, OPERATOR, BROKER_7, NOW);

    assertThat(plan.closed()).hasSize(2);
    assertThat(plan.created()).extracting(ShardMetadata::parentShardIds).containsExactly(
        List.of(ShardIds.of(0)), List.of(ShardIds.of(0), ShardIds.of(1)), List.of(ShardIds.of(1)));
    assertThat(plan.event().action()).isEqualTo("scale");
    assertInvalid(() -> ReshardPlanner.scale(stream, 2, OPERATOR, BROKER_7, NOW), "already has 2 open shards");
  }

  @Test
  void refusesStreamsThatAreBusyOrManagedByTheScaler() {
    assertFails(() -> split(stream("PROVISIONED", StreamMetadata.UPDATING, 2), ShardIds.of(0), HashKey.MAX),
        ErrorCode.RESOURCE_IN_USE, "stream 's' is already resharding; wait until it is ACTIVE");
    assertFails(() -> split(stream("PROVISIONED", StreamMetadata.DELETING, 2), ShardIds.of(0), HashKey.MAX),
        ErrorCode.RESOURCE_IN_USE, "is being deleted");
    StreamSnapshot onDemand = stream("ON_DEMAND", StreamMetadata.ACTIVE, 2);
    assertInvalid(() -> ReshardPlanner.scale(onDemand, 3, OPERATOR, BROKER_7, NOW),
        "its shards are managed by the on-demand scaler");
    assertThat(ReshardPlanner.split(onDemand, ShardIds.of(0), Optional.empty(),
        ReshardPlanner.Origin.scaler("hot"), BROKER_7, NOW).event().reason()).isEqualTo("hot");
  }

  private static ReshardPlan split(StreamSnapshot stream, String shardId, HashKey at) {
    return ReshardPlanner.split(stream, shardId, Optional.of(at), OPERATOR, BROKER_7, NOW);
  }

  static StreamSnapshot stream(String mode, String status, int shards) {
    StreamMetadata meta = new StreamMetadata("s", "uid", status, mode, 24, 1, NOW, shards, 1, 8);
    List<ShardMetadata> list = new ArrayList<>();
    List<HashKeyRange> ranges = HashKeyRange.uniform(shards);
    for (int i = 0; i < shards; i++) {
      list.add(new ShardMetadata(ShardIds.of(i), ranges.get(i).start().toString(), ranges.get(i).end().toString(),
          List.of(), ShardMetadata.OPEN, 1, 0, List.of(1), List.of(1), -1));
    }
    return new StreamSnapshot(meta, 3, list);
  }

  private static StreamSnapshot closedFirst(StreamSnapshot stream) {
    List<ShardMetadata> shards = new ArrayList<>(stream.shards());
    ShardMetadata s = shards.get(0);
    shards.set(0, new ShardMetadata(s.shardId(), s.startingHashKey(), s.endingHashKey(), s.parentShardIds(),
        ShardMetadata.CLOSED, s.leader(), s.leaderEpoch(), s.replicas(), s.inSyncReplicas(), -1));
    return new StreamSnapshot(stream.stream(), stream.version(), shards);
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertFails(call, ErrorCode.INVALID_ARGUMENT, message);
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }
}
