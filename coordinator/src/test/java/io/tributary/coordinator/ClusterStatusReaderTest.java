package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterStatusReaderTest {
  @Test
  void underReplicatedListsShardsShortOfInSyncReplicasAndOfflineOnesWithoutALiveLeader() {
    ShardMetadata healthy = shard(0, List.of(1, 2, 3));
    ShardMetadata short2 = shard(1, List.of(1, 2, 3)).withInSyncReplicas(List.of(1, 2));
    ShardMetadata noLeader = shard(2, List.of(1, 2, 3)).withLeader(ShardMetadata.NO_LEADER, 0, List.of(3), 1);
    ShardMetadata deadLeader = shard(3, List.of(4, 1, 2));
    StreamSnapshot stream = new StreamSnapshot(new StreamMetadata("s", "u", StreamMetadata.ACTIVE, "PROVISIONED", 24,
        3, 0, 4, 0, 0), 0, List.of(healthy, short2, noLeader, deadLeader));

    List<ClusterOverview.UnderReplicated> under = ClusterStatusReader.underReplicated(List.of(stream), Set.of(1, 2, 3));

    assertThat(under).extracting(u -> u.shard().shardId(), ClusterOverview.UnderReplicated::offline)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ShardIds.of(1), false),
            org.assertj.core.groups.Tuple.tuple(ShardIds.of(2), true),
            org.assertj.core.groups.Tuple.tuple(ShardIds.of(3), true));
  }

  private static ShardMetadata shard(int i, List<Integer> replicas) {
    return ReplicaPlacement.shard(ShardIds.of(i), "0", "1", List.of(), replicas, 1);
  }
}
