package io.tributary.coordinator;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.GetShardStatsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardStats;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker's ShardData service that only answers GetShardStats, from fixed figures; or never
 * answers, to stand for a hung broker. Thread-safe.
 */
final class FakeShardStatsBroker extends ShardDataGrpc.ShardDataImplBase implements AutoCloseable {
  private final boolean answers;
  private final Map<String, long[]> rangeByShard = new ConcurrentHashMap<>();
  private final Map<String, double[]> rateByShard = new ConcurrentHashMap<>();
  private final Set<String> sealed = ConcurrentHashMap.newKeySet();
  private volatile boolean serving = true;
  private final Server server;

  FakeShardStatsBroker(boolean answers) {
    this.answers = answers;
    this.server = GrpcServers.start("127.0.0.1", 0, List.of(this));
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  void setRange(String shardId, long first, long next) {
    rangeByShard.put(shardId, new long[] {first, next});
  }

  void setRate(String shardId, double recordsPerSecond, double bytesPerSecond) {
    rateByShard.put(shardId, new double[] {recordsPerSecond, bytesPerSecond});
  }

  void seal(String shardId) {
    sealed.add(shardId);
  }

  /** While false, it answers like a broker that has not yet taken over the shards asked for. */
  void setServing(boolean serving) {
    this.serving = serving;
  }

  @Override
  public void getShardStats(GetShardStatsRequest request, StreamObserver<GetShardStatsResponse> response) {
    if (!answers) {
      return; // the caller's deadline ends the call
    }
    if (!serving) {
      response.onError(Status.NOT_FOUND.withDescription("not leading these shards yet").asRuntimeException());
      return;
    }
    GetShardStatsResponse.Builder out = GetShardStatsResponse.newBuilder();
    for (String shardId : request.getShardIdsList()) {
      long[] range = rangeByShard.getOrDefault(shardId, new long[] {0, 0});
      double[] rate = rateByShard.getOrDefault(shardId, new double[] {0, 0});
      out.addShards(ShardStats.newBuilder().setShardId(shardId).setFirstSequenceNumber(range[0])
          .setNextSequenceNumber(range[1]).setWriteRecordsPerSecond(rate[0]).setWriteBytesPerSecond(rate[1])
          .setSealed(sealed.contains(shardId)));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  @Override
  public void close() {
    server.shutdownNow();
    GrpcServers.stop(server);
  }
}
