package io.tributary.coordinator;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.GetShardStatsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker's ShardData service that only answers GetShardStats, from fixed figures; or never
 * answers, to stand for a hung broker. Thread-safe.
 */
final class FakeShardStatsBroker extends ShardDataGrpc.ShardDataImplBase implements AutoCloseable {
  private final boolean answers;
  private final Map<String, long[]> rangeByShard = new ConcurrentHashMap<>();
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

  @Override
  public void getShardStats(GetShardStatsRequest request, StreamObserver<GetShardStatsResponse> response) {
    if (!answers) {
      return; // the caller's deadline ends the call
    }
    GetShardStatsResponse.Builder out = GetShardStatsResponse.newBuilder();
    for (String shardId : request.getShardIdsList()) {
      long[] range = rangeByShard.getOrDefault(shardId, new long[] {0, 0});
      out.addShards(ShardStats.newBuilder().setShardId(shardId).setFirstSequenceNumber(range[0])
          .setNextSequenceNumber(range[1]));
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
