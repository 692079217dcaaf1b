package io.tributary.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasePlanTest {
  private static final String END = LeaseStore.SHARD_END;

  @Test
  void aLoneInstanceTakesEveryLeasableShard() {
    LeasePlan plan = LeasePlan.compute("a", shards("0", "1", "2"), Map.of(), Map.of(), List.of("a"));
    assertThat(plan.take()).containsExactlyInAnyOrder("0", "1", "2");
    assertThat(plan.release()).isEmpty();
  }

  @Test
  void childrenWaitUntilEveryParentIsAtShardEnd() {
    List<ShardInfo> shards = List.of(closed("0"), closed("1"), child("2", "0", "1"));
    assertThat(LeasePlan.compute("a", shards, Map.of("0", END), Map.of(), List.of("a")).take())
        .containsExactly("1");
    assertThat(LeasePlan.compute("a", shards, Map.of("0", END, "1", END), Map.of(), List.of("a")).take())
        .containsExactly("2");
  }

  @Test
  void aParentGoneFromTheStreamDoesNotHoldItsChildBack() {
    List<ShardInfo> shards = List.of(child("5", "3", "4"));
    assertThat(LeasePlan.compute("a", shards, Map.of(), Map.of(), List.of("a")).take()).containsExactly("5");
  }

  @Test
  void anInstanceTakesNoMoreThanItsShareAndNotWhileAnotherHoldsFewer() {
    List<ShardInfo> six = shards("0", "1", "2", "3", "4", "5");
    LeasePlan first = LeasePlan.compute("a", six, Map.of(), Map.of(), List.of("a", "b", "c"));
    assertThat(first.share()).isEqualTo(2);
    assertThat(first.take()).hasSize(1); // b and c hold none yet
    Map<String, String> owners = new HashMap<>(Map.of("0", "a", "1", "b", "2", "c"));
    assertThat(LeasePlan.compute("a", six, Map.of(), owners, List.of("a", "b", "c")).take()).hasSize(1);
    owners.put("3", "a");
    owners.put("4", "a");
    assertThat(LeasePlan.compute("a", six, Map.of(), owners, List.of("a", "b", "c")).take()).isEmpty();
  }

  @Test
  void surplusLeasesAreReleasedWhenAnInstanceJoins() {
    Map<String, String> owners = Map.of("0", "a", "1", "a", "2", "a", "3", "a");
    LeasePlan plan = LeasePlan.compute("a", shards("0", "1", "2", "3"), Map.of(), owners, List.of("a", "b"));
    assertThat(plan.release()).hasSize(2);
    assertThat(plan.take()).isEmpty();
  }

  @Test
  void twoMoreThanTheLeastLoadedMemberGivesOneUp() {
    Map<String, String> owners = Map.of("0", "a", "1", "a", "2", "b", "3", "b");
    LeasePlan plan = LeasePlan.compute("a", shards("0", "1", "2", "3"), Map.of(), owners, List.of("a", "b", "c"));
    assertThat(plan.release()).hasSize(1);
  }

  @Test
  void finishedShardsAreNotLeasable() {
    LeasePlan plan = LeasePlan.compute("a", List.of(closed("0"), child("1", "0")), Map.of("0", END, "1", "7"),
        Map.of(), List.of("a"));
    assertThat(plan.leasable()).isEqualTo(1);
    assertThat(plan.take()).containsExactly("1");
  }

  private static List<ShardInfo> shards(String... ids) {
    return java.util.Arrays.stream(ids).map(id -> ShardInfo.newBuilder().setShardId(id).setState(ShardState.OPEN).build())
        .toList();
  }

  private static ShardInfo closed(String id) {
    return ShardInfo.newBuilder().setShardId(id).setState(ShardState.CLOSED).build();
  }

  private static ShardInfo child(String id, String... parents) {
    return ShardInfo.newBuilder().setShardId(id).setState(ShardState.OPEN).addAllParentShardIds(List.of(parents)).build();
  }
}
