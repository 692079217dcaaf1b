package io.tributary.coordinator;

import io.grpc.ManagedChannel;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.GetShardStatsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardStats;
import com.google.common.util.concurrent.ListenableFuture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Asks leader brokers for the figures of their shards (sequence ranges, write rates, sealed), all
 * brokers at once, each under a deadline. Thread-safe; keeps one channel per broker address.
 *
 * <p>A broker that is slow or down leaves its shards' figures unknown instead of failing the caller:
 * describe shows less, the scaler skips the stream, resharding waits longer.
 */
final class ShardStatsClient implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ShardStatsClient.class);

  private final Duration deadline;
  private final LongSupplier coordinatorEpoch;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /** @param coordinatorEpoch the term this coordinator leads under, 0 on a standby; brokers refuse older ones */
  ShardStatsClient(Duration deadline, LongSupplier coordinatorEpoch) {
    this.deadline = deadline;
    this.coordinatorEpoch = coordinatorEpoch;
  }

  /** Sequence ranges by shard id, for the shards whose leader answered in time. */
  Map<String, SequenceRange> fetch(String stream, Map<String, List<String>> shardIdsByLeaderAddress) {
    Map<String, SequenceRange> ranges = new HashMap<>();
    fetchStats(stream, shardIdsByLeaderAddress).forEach((shardId, stats) -> ranges.put(shardId,
        SequenceRange.of(stats.getFirstSequenceNumber(), stats.getNextSequenceNumber(), stats.getSealed())));
    return ranges;
  }

  /** The leaders' figures by shard id, for the shards whose leader answered in time. */
  Map<String, ShardStats> fetchStats(String stream, Map<String, List<String>> shardIdsByLeaderAddress) {
    Map<String, ListenableFuture<GetShardStatsResponse>> calls = new HashMap<>();
    long epoch = coordinatorEpoch.getAsLong();
    shardIdsByLeaderAddress.forEach((address, shardIds) -> calls.put(address,
        ShardDataGrpc.newFutureStub(channel(address))
            .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
            .getShardStats(GetShardStatsRequest.newBuilder().setStream(stream).addAllShardIds(shardIds)
                .setCoordinatorEpoch(epoch).build())));
    Map<String, ShardStats> ranges = new HashMap<>();
    long waitUntil = System.nanoTime() + deadline.toNanos() + TimeUnit.SECONDS.toNanos(1);
    for (Map.Entry<String, ListenableFuture<GetShardStatsResponse>> call : calls.entrySet()) {
      try {
        long left = Math.max(0, waitUntil - System.nanoTime());
        for (ShardStats stats : call.getValue().get(left, TimeUnit.NANOSECONDS).getShardsList()) {
          ranges.put(stats.getShardId(), stats);
        }
      } catch (ExecutionException e) {
        LOG.info("broker at {} gave no shard stats for stream '{}': {}", call.getKey(), stream,
            GrpcErrors.fromGrpc(e.getCause()).getMessage());
      } catch (TimeoutException e) {
        call.getValue().cancel(true);
        LOG.info("broker at {} gave no shard stats for stream '{}' in time", call.getKey(), stream);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        calls.values().forEach(f -> f.cancel(true));
        break;
      }
    }
    return ranges;
  }

  /** Closes channels to addresses that no live broker has any more. */
  void retainOnly(Set<String> liveAddresses) {
    channels.entrySet().removeIf(entry -> {
      if (liveAddresses.contains(entry.getKey())) {
        return false;
      }
      entry.getValue().shutdown();
      return true;
    });
  }

  private ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, GrpcChannels::forAddress);
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
