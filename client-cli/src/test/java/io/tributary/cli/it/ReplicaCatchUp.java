package io.tributary.cli.it;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardStats;
import io.tributary.proto.v1.StreamDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Asks each shard's leader (GetShardStats, as a tool with coordinator epoch 0) whether every
 * follower has reached the leader's log end and everything is committed: a full ISR alone allows a
 * follower to be one fetch behind, and stopping it then would make its log look short. Confined to
 * the test's thread.
 */
final class ReplicaCatchUp {
  private ReplicaCatchUp() {}

  /** Waits (bounded) until the replicas are level; returns null then, else what the leaders said last. */
  static String awaitLevel(StreamDescription stream, Duration within) {
    List<String> last = new ArrayList<>();
    try {
      await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
        last.clear();
        boolean level = true;
        for (ShardInfo shard : stream.getShardsList()) {
          level &= level(stream.getName(), shard, last);
        }
        return level;
      });
      return null;
    } catch (ConditionTimeoutException e) {
      return "the leaders never reported every follower at the log end: " + last;
    }
  }

  private static boolean level(String stream, ShardInfo shard, List<String> report) {
    ManagedChannel channel = GrpcChannels.forAddress(shard.getLeaderAddress());
    try {
      ShardStats stats = ShardDataGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .getShardStats(GetShardStatsRequest.newBuilder().setStream(stream).addShardIds(shard.getShardId()).build())
          .getShards(0);
      report.add(shard.getShardId() + " committed " + stats.getNextSequenceNumber() + " log end "
          + stats.getLogEndSequenceNumber() + " followers " + stats.getFollowerLogEndsMap());
      boolean level = stats.getNextSequenceNumber() == stats.getLogEndSequenceNumber();
      for (int replica : shard.getReplicasList()) {
        if (replica != shard.getLeaderBrokerId()) {
          level &= stats.getFollowerLogEndsMap().getOrDefault(replica, -1L) == stats.getLogEndSequenceNumber();
        }
      }
      return level;
    } catch (RuntimeException e) {
      report.add(shard.getShardId() + ": " + e);
      return false;
    } finally {
      GrpcChannels.close(channel);
    }
  }
}
