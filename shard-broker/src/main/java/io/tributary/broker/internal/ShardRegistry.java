package io.tributary.broker.internal;

import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardStore;
import io.tributary.broker.StreamRef;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardIterator;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The streams, shards and registered consumers this broker knows, and the shards it leads or
 * follows with their open logs. Roles come from the shard metadata and are taken up by
 * {@link ShardRoles}.
 * Thread-safe: request threads look things up at any time; changes come from one assignment thread
 * (ZooKeeper events), which alone opens and closes logs.
 */
final class ShardRegistry {
  private static final Logger LOG = LogManager.getLogger(ShardRegistry.class);

  private final int brokerId;
  private final ShardStore store;
  private final ShardRoles roles;
  private final Map<String, StreamState> streams = new ConcurrentHashMap<>();
  private final AtomicLong coordinatorEpoch = new AtomicLong();

  ShardRegistry(int brokerId, ShardStore store, QuotaSettings quotas, Clock clock) {
    this(brokerId, store, quotas, ProducerStateSettings.DEFAULTS, BrokerMetrics.detached(), clock,
        ReplicationWiring.standalone());
  }

  ShardRegistry(
      int brokerId, ShardStore store, QuotaSettings quotas, ProducerStateSettings producerStates,
      BrokerMetrics metrics, Clock clock, ReplicationWiring replication) {
    this.brokerId = brokerId;
    this.store = store;
    this.roles = new ShardRoles(brokerId, store, quotas, producerStates, metrics, clock, replication);
  }

  /**
   * Refuses a coordinator request made under an older term than one already seen (0: a tool, not a
   * coordinator, always accepted).
   */
  void checkCoordinatorEpoch(long epoch) {
    if (epoch <= 0) {
      return;
    }
    long newest = coordinatorEpoch.accumulateAndGet(epoch, Math::max);
    if (epoch < newest) {
      throw new TributaryException(ErrorCode.STALE_EPOCH, "coordinator epoch " + epoch + " is older than epoch "
          + newest + " this broker has seen: the asking coordinator was replaced; ask the leading coordinator");
    }
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
      roles.reconcile(state, shard);
    }
  }

  void streamRemoved(String name) {
    StreamState state = streams.get(name);
    if (state != null) {
      dropStream(state);
    }
  }

  void shardChanged(String streamName, ShardMetadata shard) {
    shardChanged(streamName, shard, -1);
  }

  /** A shard node changed; {@code version} is its node version, -1 if unknown. Older metadata is ignored. */
  void shardChanged(String streamName, ShardMetadata shard, int version) {
    StreamState state = streams.computeIfAbsent(streamName, StreamState::new);
    if (!state.takeNewer(shard, version)) {
      LOG.debug("ignored metadata of shard {} of stream '{}' older than what was applied: {}", shard.shardId(),
          streamName, shard);
      return;
    }
    coordinatorEpoch.accumulateAndGet(shard.coordinatorEpoch(), Math::max);
    state.shards().put(shard.shardId(), shard);
    roles.reconcile(state, shard);
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
      shard.subscriptions().endConsumer(consumer, reason);
    }
  }

  void shardRemoved(String streamName, String shardId) {
    StreamState state = streams.get(streamName);
    if (state == null) {
      return;
    }
    state.shards().remove(shardId);
    state.forget(shardId);
    LedShard led = state.led().remove(shardId);
    if (led != null) {
      led.close(Errors.shardNotFound(streamName, shardId));
    }
    roles.stopFollowing(state, shardId);
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

  /** Closes every led and followed shard, ending subscriptions with {@code reason}; data stays on disk. */
  void closeAll(TributaryException reason) {
    for (StreamState state : streams.values()) {
      for (LedShard shard : state.led().values()) {
        state.led().remove(shard.shardId());
        shard.close(reason);
      }
      for (String shardId : state.followed().keySet()) {
        roles.stopFollowing(state, shardId);
      }
    }
  }

  private void dropStream(StreamState state) {
    streams.remove(state.name(), state);
    TributaryException reason = Errors.streamNotFound(state.name());
    for (LedShard shard : state.led().values()) {
      shard.close(reason);
    }
    state.led().clear();
    for (String shardId : state.followed().keySet()) {
      roles.stopFollowing(state, shardId);
    }
    if (state.metadata() != null) {
      store.deleteStream(state.ref());
      LOG.info("stream '{}' (uid {}) is gone; deleted its data", state.name(), state.metadata().uid());
    }
  }
}
