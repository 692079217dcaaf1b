package io.tributary.broker.internal;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tributary.broker.replication.FollowerReplica;
import io.tributary.broker.replication.ReplicationSettings;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.FetchRequest;
import io.tributary.proto.v1.FetchResponse;
import io.tributary.proto.v1.ReplicationGrpc;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Pulls the records of every shard this broker follows from one leader broker, on its own thread:
 * one long-poll fetch for all of them at a time, answers applied in order, a bounded back-off
 * after errors. Thread-safe: the assignment thread adds and removes shards while it runs.
 *
 * <p>One thread per leader broker (not per shard) keeps the number of calls and threads small
 * however many shards two brokers share.
 */
final class ReplicaFetcher implements Runnable {
  private static final Logger LOG = LogManager.getLogger(ReplicaFetcher.class);
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 1000;
  private static final long DEADLINE_MARGIN_MILLIS = 5000;
  private static final int MIN_BYTES_PER_SHARD = 64 * 1024;

  private final int self;
  private final int leader;
  private final ReplicationSettings settings;
  private final IntFunction<String> addresses;
  private final Map<String, FollowedShard> shards = new ConcurrentHashMap<>();
  private final Object wakeUp = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile ManagedChannel channel;
  private String channelAddress;
  private boolean failing;

  ReplicaFetcher(int self, int leader, ReplicationSettings settings, IntFunction<String> addresses) {
    this.self = self;
    this.leader = leader;
    this.settings = settings;
    this.addresses = addresses;
    this.thread = new Thread(this, "broker-" + self + "-fetcher-from-" + leader);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void add(FollowedShard shard) {
    shards.put(key(shard.stream().name(), shard.shardId()), shard);
    wake();
  }

  void remove(FollowedShard shard) {
    shards.remove(key(shard.stream().name(), shard.shardId()), shard);
  }

  boolean isEmpty() {
    return shards.isEmpty();
  }

  /**
   * Stops the thread and, if {@code await}, waits a bounded time for it. A fetch under way is
   * cancelled by shutting its channel down, not by an interrupt, which would close the log files
   * an answer is being written to.
   */
  void stop(boolean await) {
    running = false;
    wake();
    ManagedChannel current = channel;
    if (current != null) {
      current.shutdownNow();
    }
    if (await) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void run() {
    long backoff = MIN_BACKOFF_MILLIS;
    try {
      while (running) {
        boolean progressed = round();
        backoff = progressed ? MIN_BACKOFF_MILLIS : pauseAndGrow(backoff);
      }
    } finally {
      closeChannel();
    }
  }

  /** One fetch and its answers; false when the fetcher should back off before the next. */
  private boolean round() {
    List<FollowedShard> current = new ArrayList<>(shards.values());
    List<ShardFetch> fetches = new ArrayList<>(current.size());
    for (FollowedShard shard : current) {
      ShardFetch fetch = shard.nextFetch();
      if (fetch != null) {
        fetches.add(fetch);
      }
    }
    if (fetches.isEmpty()) {
      idle();
      return true;
    }
    try {
      FetchResponse response = send(fetches);
      if (failing) {
        failing = false;
        LOG.info("broker {} fetches from broker {} again", self, leader);
      }
      return apply(response);
    } catch (StatusRuntimeException | IllegalStateException e) {
      if (running && !failing) {
        failing = true;
        LOG.warn("broker {} cannot fetch from broker {} (it leads {} shard(s) this broker follows): {}; retrying",
            self, leader, fetches.size(), e.getMessage());
      }
      closeChannel();
      return false;
    }
  }

  private FetchResponse send(List<ShardFetch> fetches) {
    int maxWait = (int) settings.fetchMaxWait().toMillis();
    int perShard = Math.max(MIN_BYTES_PER_SHARD,
        Math.min(settings.fetchMaxBytes(), (GrpcServers.MAX_MESSAGE_BYTES / 2) / fetches.size()));
    FetchRequest request = FetchRequest.newBuilder().setFollowerId(self).addAllShards(fetches)
        .setMaxWaitMillis(maxWait).setMaxBytesPerShard(perShard).build();
    return ReplicationGrpc.newBlockingStub(channel())
        .withDeadlineAfter(maxWait + DEADLINE_MARGIN_MILLIS, TimeUnit.MILLISECONDS)
        .fetch(request);
  }

  /** True if any shard got an answer it could use. */
  private boolean apply(FetchResponse response) {
    boolean usable = false;
    for (ShardFetched answer : response.getShardsList()) {
      FollowedShard shard = shards.get(key(answer.getStream(), answer.getShardId()));
      if (shard == null) {
        continue;
      }
      try {
        usable |= shard.apply(answer) != FollowerReplica.Outcome.REFUSED;
      } catch (RuntimeException e) {
        LOG.error("broker {} cannot apply what broker {} sent for {}; it retries after a pause", self, leader,
            shard.name(), e);
      }
    }
    return usable;
  }

  private ManagedChannel channel() {
    ManagedChannel current = channel;
    if (current == null) {
      String address = addresses.apply(leader);
      if (address == null) {
        throw new IllegalStateException("broker " + leader + " is not registered in ZooKeeper");
      }
      current = GrpcChannels.forAddress(address);
      channel = current;
      channelAddress = address;
      if (!running) {
        current.shutdownNow();
      }
    }
    return current;
  }

  private void closeChannel() {
    ManagedChannel current = channel;
    if (current != null) {
      current.shutdownNow();
      LOG.debug("broker {} closed its channel to broker {} at {}", self, leader, channelAddress);
      channel = null;
      channelAddress = null;
    }
  }

  private long pauseAndGrow(long backoff) {
    pause(backoff);
    return Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
  }

  private void idle() {
    pause(MAX_BACKOFF_MILLIS);
  }

  private void pause(long millis) {
    synchronized (wakeUp) {
      try {
        if (running) {
          wakeUp.wait(millis);
        }
      } catch (InterruptedException e) {
        running = false;
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wake() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  private static String key(String stream, String shardId) {
    return stream + "/" + shardId;
  }
}
