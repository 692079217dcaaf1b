package io.tributary.coordinator.jobs;

import io.tributary.common.error.Errors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Live workers, kept current by a Curator cache of {@code workers/}; tells a listener when a
 * worker's node goes away. Thread-safe.
 *
 * <p>A worker's ephemeral node vanishes when its ZooKeeper session ends, which is how the
 * JobManager learns that the subtasks on it are gone.
 */
public final class WorkerDirectory implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WorkerDirectory.class);
  private static final Duration INITIAL_LOAD_WAIT = Duration.ofSeconds(10);

  private final String parent;
  private final CuratorCache cache;
  private final CountDownLatch loaded = new CountDownLatch(1);

  public WorkerDirectory(CuratorFramework zk, ZkPaths paths) {
    this.parent = paths.workers();
    this.cache = CuratorCache.build(zk, parent);
  }

  /** Starts watching; {@code onLost} gets, on a Curator thread, each worker whose node was deleted. */
  public void start(Consumer<Registrations.Worker> onLost) {
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forDeletes(node -> {
          Registrations.Worker worker = isWorker(node) ? parse(node) : null;
          if (worker != null) {
            onLost.accept(worker);
          }
        })
        .forInitialized(loaded::countDown)
        .build());
    cache.start();
  }

  /** Live workers ordered by id; waits a bounded time for the cache's first load. */
  public List<Registrations.Worker> live() {
    awaitLoaded();
    List<Registrations.Worker> workers = new ArrayList<>();
    cache.stream().filter(this::isWorker).map(WorkerDirectory::parse)
        .filter(w -> w != null).forEach(workers::add);
    workers.sort(Comparator.comparing(Registrations.Worker::id));
    return workers;
  }

  private void awaitLoaded() {
    try {
      if (loaded.await(INITIAL_LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw Errors.unavailable("the coordinator has not read the worker list from ZooKeeper within "
        + INITIAL_LOAD_WAIT.toSeconds() + "s; check 'trib cluster status' and retry");
  }

  private boolean isWorker(ChildData node) {
    return node.getPath().startsWith(parent + "/") && node.getPath().indexOf('/', parent.length() + 1) < 0;
  }

  private static Registrations.Worker parse(ChildData node) {
    if (node.getData() == null) {
      return null;
    }
    try {
      return MetadataJson.read(node.getData(), Registrations.Worker.class);
    } catch (UncheckedIOException e) {
      LOG.warn("ignoring an unreadable worker registration at {}: {}", node.getPath(), e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
