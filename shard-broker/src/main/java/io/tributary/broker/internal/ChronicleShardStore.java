package io.tributary.broker.internal;

import io.tributary.common.io.Directories;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardStore;
import io.tributary.broker.StreamRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.RollCycle;

/**
 * Shard logs as chains of Chronicle queues under one root: {@code <root>/<stream>-<uid>/<shardId>/},
 * one queue directory per leader epoch run inside (see {@link SegmentedShardLog}).
 * Thread-safe (stateless beyond its settings).
 */
public final class ChronicleShardStore implements ShardStore {
  private static final Pattern SHARD_ID = Pattern.compile("[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}");

  private final Path root;
  private final RollCycle rollCycle;
  private final Clock clock;

  public ChronicleShardStore(Path root, RollCycle rollCycle, Clock clock) {
    this.root = root;
    this.rollCycle = rollCycle;
    this.clock = clock;
  }

  @Override
  public ShardLog open(StreamRef stream, String shardId) {
    return SegmentedShardLog.open(shardDir(stream, shardId), rollCycle, clock, describe(stream, shardId));
  }

  @Override
  public void deleteShard(StreamRef stream, String shardId) {
    Directories.deleteRecursively(shardDir(stream, shardId));
  }

  @Override
  public void deleteStream(StreamRef stream) {
    Directories.deleteRecursively(root.resolve(stream.directoryName()));
  }

  @Override
  public Set<String> storedStreams() {
    if (!Files.isDirectory(root)) {
      return Set.of();
    }
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** The directory of a shard's log. */
  public Path shardDir(StreamRef stream, String shardId) {
    if (shardId == null || !SHARD_ID.matcher(shardId).matches()) {
      throw new IllegalArgumentException("shard id '" + shardId + "' cannot name a directory");
    }
    return root.resolve(stream.directoryName()).resolve(shardId);
  }

  static String describe(StreamRef stream, String shardId) {
    return "shard " + shardId + " of stream '" + stream.name() + "'";
  }
}
