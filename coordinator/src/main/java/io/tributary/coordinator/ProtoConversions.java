package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.ReplicaMove;
import io.tributary.proto.v1.UnderReplicatedShard;
import io.tributary.proto.v1.HashKeyRange;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.StreamSummary;
import io.tributary.proto.v1.WorkerInfo;

/** Domain values to their tributary.v1 messages. Stateless. */
final class ProtoConversions {
  private ProtoConversions() {}

  static StreamDescription description(DescribedStream described) {
    StreamSnapshot snapshot = described.snapshot();
    StreamMetadata stream = snapshot.stream();
    StreamDescription.Builder out = StreamDescription.newBuilder()
        .setName(stream.name())
        .setUid(stream.uid())
        .setStatus(status(stream.status()))
        .setMode(mode(stream.mode()))
        .setRetentionHours(stream.retentionHours())
        .setReplicationFactor(stream.replicationFactor())
        .setCreatedMillis(stream.createdMillis())
        .setOpenShardCount(snapshot.openShardCount())
        .setMinShards(stream.minShards())
        .setMaxShards(stream.maxShards())
        .putAllTags(stream.tags());
    for (DescribedStream.Shard shard : described.shards()) {
      out.addShards(shard(shard));
    }
    for (ScalingRecord event : described.scalingEvents()) {
      out.addScalingEvents(ScalingEvent.newBuilder().setAtMillis(event.atMillis()).setAction(event.action())
          .setReason(event.reason()).addAllClosedShardIds(event.closedShardIds())
          .addAllCreatedShardIds(event.createdShardIds()));
    }
    for (ConsumerRecord consumer : described.consumers()) {
      out.addConsumers(consumer(consumer));
    }
    return out.build();
  }

  static RegisteredConsumer consumer(ConsumerRecord consumer) {
    return RegisteredConsumer.newBuilder().setName(consumer.name()).setStream(consumer.stream())
        .setCreatedMillis(consumer.createdMillis()).build();
  }

  static StreamSummary summary(StreamSnapshot snapshot) {
    StreamMetadata stream = snapshot.stream();
    return StreamSummary.newBuilder()
        .setName(stream.name())
        .setStatus(status(stream.status()))
        .setOpenShardCount(snapshot.openShardCount())
        .setRetentionHours(stream.retentionHours())
        .setMode(mode(stream.mode()))
        .setCreatedMillis(stream.createdMillis())
        .build();
  }

  static ClusterStatus clusterStatus(ClusterOverview overview) {
    ClusterStatus.Builder out = ClusterStatus.newBuilder()
        .setCluster(overview.cluster())
        .setStreamCount(overview.streamCount())
        .setOpenShardCount(overview.openShardCount())
        .setLeaderEpoch(overview.leaderEpoch())
        .setZookeeper(overview.zookeeper());
    for (ClusterOverview.Coordinator c : overview.coordinators()) {
      out.addCoordinators(CoordinatorInfo.newBuilder().setId(c.id()).setAddress(c.address()).setLeader(c.leader()));
    }
    for (ClusterOverview.Broker b : overview.brokers()) {
      out.addBrokers(BrokerInfo.newBuilder().setId(b.id()).setAddress(b.address()).setLeaderShards(b.leaderShards())
          .setReplicaShards(b.replicaShards()).setDrained(b.drained()));
    }
    for (ClusterOverview.UnderReplicated u : overview.underReplicated()) {
      ShardMetadata shard = u.shard();
      out.addUnderReplicated(UnderReplicatedShard.newBuilder().setStream(u.stream()).setShardId(shard.shardId())
          .setLeader(shard.leader()).addAllReplicas(shard.replicas()).addAllInSyncReplicas(shard.inSyncReplicas())
          .setOffline(u.offline()));
    }
    for (ClusterOverview.Worker w : overview.workers()) {
      out.addWorkers(WorkerInfo.newBuilder()
          .setId(w.id()).setAddress(w.address()).setSlots(w.slots()).setFreeSlots(w.freeSlots()));
    }
    out.putAllJobsByState(overview.jobsByState());
    return out.build();
  }

  static io.tributary.proto.v1.ReassignmentProgress progress(ReassignmentProgress progress) {
    io.tributary.proto.v1.ReassignmentProgress.Builder out = io.tributary.proto.v1.ReassignmentProgress.newBuilder()
        .setPlanned(progress.planned()).setFinished(progress.finished()).setMessage(progress.message())
        .setDone(progress.done());
    ReassignmentPlanner.Move move = progress.move();
    if (move != null) {
      out.setMove(ReplicaMove.newBuilder().setStream(move.stream()).setShardId(move.shardId())
          .addAllFromReplicas(move.fromReplicas()).addAllToReplicas(move.toReplicas())
          .setFromLeader(move.fromLeader()).setToLeader(move.toLeader()));
    }
    if (progress.error() != null) {
      out.setError(ErrorDetail.newBuilder().setCode(progress.error().code().shortName())
          .setMessage(progress.error().getMessage()));
    }
    return out.build();
  }

  private static ShardInfo shard(DescribedStream.Shard described) {
    ShardMetadata shard = described.metadata();
    ShardInfo.Builder out = ShardInfo.newBuilder()
        .setShardId(shard.shardId())
        .setHashKeyRange(HashKeyRange.newBuilder()
            .setStartingHashKey(shard.startingHashKey())
            .setEndingHashKey(shard.endingHashKey()))
        .addAllParentShardIds(shard.parentShardIds())
        .setState(shard.open() ? ShardState.OPEN : ShardState.CLOSED)
        .setLeaderBrokerId(shard.leader())
        .setLeaderAddress(described.leaderAddress())
        .setLeaderEpoch(shard.leaderEpoch())
        .addAllReplicas(shard.replicas())
        .addAllInSyncReplicas(shard.inSyncReplicas());
    SequenceRange range = described.range();
    if (!shard.open() && shard.endingSequenceNumber() >= 0) {
      out.setEndingSequenceNumber(shard.endingSequenceNumber());
    } else if (!shard.open() && range.known() && range.sealed() && range.next() > 0) {
      // The end of a sealed shard is the end of its log.
      out.setEndingSequenceNumber(range.next() - 1);
    }
    if (range.known()) {
      out.setFirstSequenceNumber(range.first())
          .setNextSequenceNumber(range.next())
          .setSequenceRangeKnown(true);
    }
    return out.build();
  }

  private static StreamStatus status(String status) {
    return switch (status) {
      case StreamMetadata.ACTIVE -> StreamStatus.ACTIVE;
      case StreamMetadata.DELETING -> StreamStatus.DELETING;
      case StreamMetadata.UPDATING -> StreamStatus.UPDATING;
      default -> StreamStatus.STREAM_STATUS_UNSPECIFIED;
    };
  }

  private static StreamMode mode(String mode) {
    return StreamRules.ON_DEMAND.equals(mode) ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
  }
}
