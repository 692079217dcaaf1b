package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The leader's stream changes: create, delete, update retention and tags. Public methods are thread-safe and
 * hand the work to the coordinator event loop; everything below them is confined to that loop.
 *
 * <p>Each change re-checks leadership on the loop and commits under its term, so a standby or a
 * deposed leader answers NotLeader instead of writing.
 */
final class StreamCommands {
  private static final Logger LOG = LogManager.getLogger(StreamCommands.class);

  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final Clock clock;

  StreamCommands(StreamCatalog catalog, ClusterDirectory directory, LeadershipState leadership, EventLoop loop,
      Clock clock) {
    this.catalog = catalog;
    this.directory = directory;
    this.leadership = leadership;
    this.loop = loop;
    this.clock = clock;
  }

  StreamSnapshot create(StreamSpec spec) {
    return create(spec, Map.of());
  }

  /** Creates a stream that starts with {@code tags} (already checked by {@link TagRules}). */
  StreamSnapshot create(StreamSpec spec, Map<String, String> tags) {
    leadership.requireLeader();
    return loop.call(() -> fenced(term -> doCreate(spec, tags, term)));
  }

  void delete(String name) {
    leadership.requireLeader();
    loop.call(() -> fenced(term -> doDelete(name, term)));
  }

  StreamSnapshot updateRetention(String name, int retentionHours) {
    leadership.requireLeader();
    return loop.call(() -> fenced(term -> doUpdateRetention(name, retentionHours, term)));
  }

  /** Applies a tag change already checked on its own by {@link TagRules#checkChange}. */
  StreamSnapshot updateTags(String name, Map<String, String> put, Collection<String> remove) {
    leadership.requireLeader();
    return loop.call(() -> fenced(term -> doUpdateTags(name, put, remove, term)));
  }

  /** On the loop, after winning an election: finish deletions a previous leader left half done. */
  void finishPendingDeletes() {
    try {
      fenced(term -> {
        for (StreamSnapshot stream : catalog.all()) {
          if (StreamMetadata.DELETING.equals(stream.stream().status())) {
            LOG.info("finishing the deletion of stream '{}'", stream.name());
            catalog.deleteTree(stream.name(), term);
          }
        }
        return null;
      });
    } catch (TributaryException e) {
      // The streams stay DELETING; deleting them again, or the next leader, finishes the job.
      LOG.warn("could not finish pending stream deletions: {}", e.describe());
    }
  }

  private <T> T fenced(Function<Term, T> change) {
    return leadership.act(change);
  }

  private StreamSnapshot doCreate(StreamSpec spec, Map<String, String> tags, Term term) {
    Optional<StreamSnapshot> existing = catalog.find(spec.name());
    if (existing.isPresent()) {
      throw inUse(existing.get());
    }
    SortedSet<Integer> brokers = directory.eligibleBrokers();
    if (brokers.isEmpty()) {
      throw Errors.unavailable("no live brokers take replicas; start one with 'trib broker'");
    }
    int factor = StreamRules.replicationFactor(spec.replicationFactor(), brokers.size());
    int n = spec.shardCount();
    List<List<Integer>> placed = ReplicaPlacement.place(brokers, catalog.load(), n, factor);
    StreamMetadata stream = new StreamMetadata(spec.name(), UUID.randomUUID().toString(), StreamMetadata.ACTIVE,
        spec.mode(), spec.retentionHours(), factor, clock.millis(), n, spec.minShards(), spec.maxShards())
        .withTags(tags);
    List<HashKeyRange> ranges = HashKeyRange.uniform(n);
    List<ShardMetadata> shards = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      shards.add(ReplicaPlacement.shard(ShardIds.of(i), ranges.get(i).start().toString(),
          ranges.get(i).end().toString(), List.of(), placed.get(i), term.epoch()));
    }
    catalog.create(stream, shards, term);
    LOG.info("created stream '{}' with {} shards, replication factor {}, over brokers {}", spec.name(), n, factor,
        brokers);
    return new StreamSnapshot(stream, 0, shards);
  }

  private Void doDelete(String name, Term term) {
    StreamSnapshot stream = catalog.get(name);
    if (!StreamMetadata.DELETING.equals(stream.stream().status())) {
      // Brokers see DELETING first and stop taking writes before the nodes disappear.
      catalog.update(stream, stream.stream().withStatus(StreamMetadata.DELETING), term);
    }
    catalog.deleteTree(name, term);
    LOG.info("deleted stream '{}'", name);
    return null;
  }

  private StreamSnapshot doUpdateRetention(String name, int retentionHours, Term term) {
    StreamSnapshot stream = catalog.get(name);
    if (StreamMetadata.DELETING.equals(stream.stream().status())) {
      throw inUse(stream);
    }
    StreamMetadata changed = stream.stream().withRetentionHours(retentionHours);
    catalog.update(stream, changed, term);
    return new StreamSnapshot(changed, stream.version() + 1, stream.shards());
  }

  private StreamSnapshot doUpdateTags(String name, Map<String, String> put, Collection<String> remove, Term term) {
    StreamSnapshot stream = catalog.get(name);
    if (StreamMetadata.DELETING.equals(stream.stream().status())) {
      throw inUse(stream);
    }
    // Checked against the tags just read: the compare-and-set below refuses a write if they changed.
    StreamMetadata changed = stream.stream().withTags(TagRules.apply(name, stream.stream().tags(), put, remove));
    catalog.update(stream, changed, term);
    return new StreamSnapshot(changed, stream.version() + 1, stream.shards());
  }

  private static TributaryException inUse(StreamSnapshot stream) {
    if (StreamMetadata.DELETING.equals(stream.stream().status())) {
      return new TributaryException(ErrorCode.RESOURCE_IN_USE,
          "stream '" + stream.name() + "' is being deleted; retry once 'trib stream list' no longer shows it");
    }
    return new TributaryException(ErrorCode.RESOURCE_IN_USE, "stream '" + stream.name() + "' already exists");
  }
}
