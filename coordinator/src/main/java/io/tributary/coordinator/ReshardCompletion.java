package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.Registrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finishes a resharding: waits, off the event loop and for a bounded time, until each child shard's
 * leader broker serves it, then sets the stream ACTIVE again on the loop. Thread-safe.
 *
 * <p>A stream stays UPDATING until its children can take writes, so an operator who waits for
 * ACTIVE knows producers can use the new map; the bound keeps a dead broker from blocking the next
 * resharding forever.
 */
final class ReshardCompletion implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ReshardCompletion.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final ShardStatsClient stats;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final Duration bound;
  private final ScheduledExecutorService waiter;

  ReshardCompletion(StreamCatalog catalog, ClusterDirectory directory, ShardStatsClient stats,
      LeadershipState leadership, EventLoop loop, Duration bound) {
    this.catalog = catalog;
    this.directory = directory;
    this.stats = stats;
    this.leadership = leadership;
    this.loop = loop;
    this.bound = bound;
    this.waiter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coordinator-reshard-waiter");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts waiting for the open shards of {@code stream} (its uid guards against a re-created stream). */
  void finish(String stream, String uid, List<ShardMetadata> children) {
    long deadline = System.nanoTime() + bound.toNanos();
    submit(() -> poll(stream, uid, children, deadline), Duration.ZERO);
  }

  private void poll(String stream, String uid, List<ShardMetadata> children, long deadline) {
    boolean served;
    try {
      served = served(stream, children);
    } catch (RuntimeException e) {
      served = false; // asked again at the next poll, until the bound
      LOG.info("could not ask the brokers of stream '{}' whether they serve its new shards: {}", stream,
          e.toString());
    }
    if (served || System.nanoTime() - deadline >= 0) {
      if (!served) {
        LOG.warn("the leaders of the new shards of stream '{}' did not all serve them within {}s; marking the"
            + " stream ACTIVE anyway, producers retry until they do", stream, bound.toSeconds());
      }
      loop.execute(() -> markActive(stream, uid));
    } else {
      submit(() -> poll(stream, uid, children, deadline), POLL);
    }
  }

  private boolean served(String stream, List<ShardMetadata> children) {
    SortedMap<Integer, Registrations.Broker> brokers = directory.liveBrokers();
    Map<String, List<String>> byAddress = new LinkedHashMap<>();
    for (ShardMetadata child : children) {
      Registrations.Broker leader = brokers.get(child.leader());
      if (leader == null) {
        return false;
      }
      byAddress.computeIfAbsent(leader.address(), a -> new ArrayList<>()).add(child.shardId());
    }
    return stats.fetchStats(stream, byAddress).keySet()
        .containsAll(children.stream().map(ShardMetadata::shardId).toList());
  }

  /** On the loop: UPDATING becomes ACTIVE by compare-and-set, under the current term. */
  private void markActive(String stream, String uid) {
    try {
      leadership.act(term -> {
        catalog.find(stream).ifPresent(read -> {
          if (read.stream().uid().equals(uid) && StreamMetadata.UPDATING.equals(read.stream().status())) {
            catalog.update(read, read.stream().withStatus(StreamMetadata.ACTIVE), term);
            LOG.info("stream '{}' is ACTIVE again with {} open shards", stream, read.openShardCount());
          }
        });
        return null;
      });
    } catch (TributaryException e) {
      // The stream stays UPDATING; the next leader finishes it when it takes over.
      LOG.warn("could not mark stream '{}' ACTIVE after resharding: {}", stream, e.describe());
    }
  }

  private void submit(Runnable task, Duration delay) {
    try {
      waiter.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("coordinator closing; stream left UPDATING for the next leader to finish");
    }
  }

  @Override
  public void close() {
    waiter.shutdownNow();
    try {
      if (!waiter.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("reshard waiter did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
