package io.tributary.broker.internal;

import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardStore;
import io.tributary.broker.StreamRef;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.stream.StreamNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The streams, shards and registered consumers this broker knows, and the shards it leads with
 * their open logs.
 * Thread-safe: request threads look things up at any time; changes come from one assignment thread
 * (ZooKeeper events), which alone opens and closes logs.
 */
final class ShardRegistry {
  private static final Logger LOG = LogManager.getLogger(ShardRegistry.class);

  private final int brokerId;
  private final ShardStore store;
  private final QuotaSettings quotas;
  private final ProducerStateSettings producerStates;
  private final BrokerMetrics metrics;
  private final Clock clock;
  private final Map<String, StreamState> streams = new ConcurrentHashMap<>();

  ShardRegistry(int brokerId, ShardStore store, QuotaSettings quotas, Clock clock) {
    this(brokerId, store, quotas, ProducerStateSettings.DEFAULTS, BrokerMetrics.detached(), clock);
  }

  ShardRegistry(
      int brokerId, ShardStore store, QuotaSettings quotas, ProducerStateSettings producerStates,
      BrokerMetrics metrics, Clock clock) {
    this.brokerId = brokerId;
    this.store = store;
    this.quotas = quotas;
    this.producerStates = producerStates;
    this.metrics = metrics;
    this.clock = clock;
  }

  int brokerId() {
    return brokerId;
  }

  /** A known stream, or RESOURCE_NOT_FOUND. */
  StreamState stream(String name) {
    StreamState state = name == null ? null : streams.get(name);
    if (state == null || state.metadata() == null) {
      throw Errors.streamNotFound(StreamNames.validate(name));
    }
    return state;
  }

  /** The stream incarnation {@code uid} of {@code name}, or RESOURCE_NOT_FOUND. */
  StreamState stream(String name, String uid) {
    StreamState state = stream(name);
    if (!state.metadata().uid().equals(uid)) {
      throw new TributaryException(
          ErrorCode.RESOURCE_NOT_FOUND,
          "stream '" + name + "' was deleted (and created again) since this shard iterator was issued; "
              + "get a new iterator with GetShardIterator");
    }
    return state;
  }

  /** The id under which a shard of {@code stream} is known; accepts a bare index such as "3". */
  String shardId(StreamState stream, String shardId) {
    if (shardId != null && stream.shards().containsKey(shardId)) {
      return shardId;
    }
    String normalized = ShardIds.normalize(shardId);
    if (!stream.shards().containsKey(normalized)) {
      throw Errors.shardNotFound(stream.name(), shardId);
    }
    return normalized;
  }

  /** A shard this broker leads; RESOURCE_NOT_FOUND if unknown, NOT_SHARD_OWNER if led elsewhere. */
  LedShard led(StreamState stream, String shardId) {
    String id = shardId(stream, shardId);
    LedShard shard = stream.led().get(id);
    if (shard == null) {
      throw Errors.notShardOwner(stream.name(), id, brokerId);
    }
    return shard;
  }

  /** The shards whose parents include {@code shardId}, in id order. */
  List<ShardMetadata> children(StreamState stream, String shardId) {
    List<ShardMetadata> children = new ArrayList<>();
    for (ShardMetadata shard : stream.shards().values()) {
      if (shard.parentShardIds() != null && shard.parentShardIds().contains(shardId)) {
        children.add(shard);
      }
    }
    children.sort((a, b) -> a.shardId().compareTo(b.shardId()));
    return children;
  }

  Collection<StreamState> streams() {
    return streams.values();
  }

  void streamChanged(StreamMetadata metadata) {
    StreamState state = streams.computeIfAbsent(metadata.name(), StreamState::new);
    StreamMetadata previous = state.metadata();
    if (previous != null && !previous.uid().equals(metadata.uid())) {
      LOG.info("stream '{}' was recreated (uid {} -> {})", metadata.name(), previous.uid(), metadata.uid());
      dropStream(state);
      state = streams.computeIfAbsent(metadata.name(), StreamState::new);
    }
    state.metadata(metadata);
    for (ShardMetadata shard : state.shards().values()) {
      reconcile(state, shard);
    }
  }

  void streamRemoved(String name) {
    StreamState state = streams.get(name);
    if (state != null) {
      dropStream(state);
    }
  }

  void shardChanged(String streamName, ShardMetadata shard) {
    StreamState state = streams.computeIfAbsent(streamName, StreamState::new);
    state.shards().put(shard.shardId(), shard);
    reconcile(state, shard);
  }

  void consumerChanged(String streamName, String consumer) {
    streams.computeIfAbsent(streamName, StreamState::new).consumers().add(consumer);
  }

  /** Ends the subscriptions of a consumer that was deregistered. */
  void consumerRemoved(String streamName, String consumer) {
    StreamState state = streams.get(streamName);
    if (state == null || !state.consumers().remove(consumer)) {
      return;
    }
    TributaryException reason = new TributaryException(
        ErrorCode.RESOURCE_NOT_FOUND,
        "consumer '" + consumer + "' was deregistered from stream '" + streamName + "'; register it again with 'trib "
            + "consumer register " + streamName + " " + consumer + "'");
    for (LedShard shard : state.led().values()) {
      shard.endConsumer(consumer, reason);
    }
  }

  void shardRemoved(String streamName, String shardId) {
    StreamState state = streams.get(streamName);
    if (state == null) {
      return;
    }
    state.shards().remove(shardId);
    LedShard led = state.led().remove(shardId);
    if (led != null) {
      led.close(Errors.shardNotFound(streamName, shardId));
    }
    if (state.metadata() != null) {
      store.deleteShard(state.ref(), shardId);
    }
  }

  /**
   * Deletes stored data of earlier incarnations of known streams (deleted and created again while
   * this broker was away). Data of names unknown here is only reported: a wrong cluster name or
   * ZooKeeper address must not wipe a broker's disk.
   *
   * @return the directory names deleted
   */
  Set<String> deleteStaleStreamData() {
    Set<String> live = new HashSet<>();
    for (StreamState state : streams.values()) {
      if (state.metadata() != null) {
        live.add(state.ref().directoryName());
      }
    }
    Set<String> deleted = new TreeSet<>();
    Set<String> unknown = new TreeSet<>();
    for (String stored : store.storedStreams()) {
      if (live.contains(stored)) {
        continue;
      }
      StreamRef stale = earlierIncarnation(stored);
      if (stale == null) {
        unknown.add(stored);
      } else {
        store.deleteStream(stale);
        deleted.add(stored);
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("deleted the data of earlier incarnations of recreated streams: {}", deleted);
    }
    if (!unknown.isEmpty()) {
      LOG.warn("the data directories {} belong to no stream of this cluster; delete them by hand if their streams "
          + "were deleted while this broker was down", unknown);
    }
    return deleted;
  }

  /** The incarnation a directory name stands for if it is {@code <known stream>-<other uid>}. */
  private StreamRef earlierIncarnation(String directoryName) {
    for (StreamState state : streams.values()) {
      String prefix = state.name() + "-";
      if (state.metadata() != null && directoryName.startsWith(prefix)) {
        try {
          return new StreamRef(state.name(), directoryName.substring(prefix.length()));
        } catch (IllegalArgumentException notAUid) {
          LOG.debug("{} is not an incarnation of stream '{}'", directoryName, state.name());
        }
      }
    }
    return null;
  }

  /** Closes every led shard, ending its subscriptions with {@code reason}; data stays on disk. */
  void closeAll(TributaryException reason) {
    for (StreamState state : streams.values()) {
      for (LedShard shard : state.led().values()) {
        state.led().remove(shard.shardId());
        shard.close(reason);
      }
    }
  }

  private void reconcile(StreamState state, ShardMetadata shard) {
    LedShard current = state.led().get(shard.shardId());
    boolean lead = shard.leader() == brokerId && state.metadata() != null;
    if (lead && current == null) {
      try {
        open(state, shard);
      } catch (RuntimeException e) {
        LOG.error("cannot open the log of shard {} of stream '{}'; it stays unserved until it is reassigned",
            shard.shardId(), state.name(), e);
      }
    } else if (lead) {
      current.update(shard);
    } else if (current != null) {
      state.led().remove(shard.shardId());
      current.close(Errors.notShardOwner(state.name(), shard.shardId(), brokerId));
      LOG.info("no longer leads {}: broker {} does", current.name(), shard.leader());
    }
  }

  private void open(StreamState state, ShardMetadata shard) {
    StreamRef ref = state.ref();
    shard.hashKeyRange();
    ShardLog log = store.open(ref, shard.shardId());
    try {
      LedShard led = new LedShard(ref, shard, log, quotas, producerStates, metrics, clock);
      state.led().put(shard.shardId(), led);
      LOG.info("leads {} (epoch {}): sequence [{}, {}), {}", led.name(), shard.leaderEpoch(),
          log.firstSequenceNumber(), log.nextSequenceNumber(), led.producerRebuild());
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private void dropStream(StreamState state) {
    streams.remove(state.name(), state);
    TributaryException reason = Errors.streamNotFound(state.name());
    for (LedShard shard : state.led().values()) {
      shard.close(reason);
    }
    state.led().clear();
    if (state.metadata() != null) {
      store.deleteStream(state.ref());
      LOG.info("stream '{}' (uid {}) is gone; deleted its data", state.name(), state.metadata().uid());
    }
  }
}
