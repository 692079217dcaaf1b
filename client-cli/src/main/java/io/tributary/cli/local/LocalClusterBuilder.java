package io.tributary.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds and starts a {@link LocalCluster}. Defaults: one coordinator, one broker, no worker (4
 * slots each when there are some), free ports, quotas off, cluster "tributary", the system clock, a
 * temporary directory. Confined to one thread.
 */
public final class LocalClusterBuilder {
  /** Task slots per worker unless {@link #slots(int)} says otherwise. */
  public static final int DEFAULT_SLOTS = 4;
  // Bounds that catch typos (one JVM cannot usefully host more), not limits of the engine.
  private static final int MAX_WORKERS = 64;
  private static final int MAX_SLOTS = 256;

  private Path dir;
  private int coordinators = 1;
  private int brokers = 1;
  private int workers;
  private int slots = DEFAULT_SLOTS;
  private int portBase;
  private boolean quotas;
  private String cluster = "tributary";
  private Clock clock = Clock.systemUTC();
  private Duration startWait = Duration.ofSeconds(60);
  private final Map<String, String> settings = new LinkedHashMap<>();

  LocalClusterBuilder() {}

  /** Keeps the data in {@code dir} (created if missing, kept at close) instead of a temporary one. */
  public LocalClusterBuilder dir(Path dir) {
    this.dir = dir;
    return this;
  }

  public LocalClusterBuilder coordinators(int n) {
    if (n < 1 || n > PortLayout.MAX_COORDINATORS) {
      throw new IllegalArgumentException(
          n + " coordinators is out of range; use 1 to " + PortLayout.MAX_COORDINATORS);
    }
    this.coordinators = n;
    return this;
  }

  public LocalClusterBuilder brokers(int n) {
    if (n < 1 || n > PortLayout.MAX_BROKERS) {
      throw new IllegalArgumentException(n + " brokers is out of range; use 1 to " + PortLayout.MAX_BROKERS);
    }
    this.brokers = n;
    return this;
  }

  /** Workers run the subtasks of stream-processing jobs; 0 gives a cluster for streams only. */
  public LocalClusterBuilder workers(int n) {
    if (n < 0 || n > MAX_WORKERS) {
      throw new IllegalArgumentException(n + " workers is out of range; use 0 to " + MAX_WORKERS);
    }
    this.workers = n;
    return this;
  }

  /** Task slots of each worker: how many subtasks it runs at once. */
  public LocalClusterBuilder slots(int n) {
    if (n < 1 || n > MAX_SLOTS) {
      throw new IllegalArgumentException(n + " slots per worker is out of range; use 1 to " + MAX_SLOTS);
    }
    this.slots = n;
    return this;
  }

  /** See {@link PortLayout}; 0 (the default) picks free ports. */
  public LocalClusterBuilder portBase(int base) {
    new PortLayout(base);
    this.portBase = base;
    return this;
  }

  public LocalClusterBuilder quotas(boolean enabled) {
    this.quotas = enabled;
    return this;
  }

  public LocalClusterBuilder cluster(String name) {
    this.cluster = name;
    return this;
  }

  public LocalClusterBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Sets a configuration key for every process (keys a process does not know are ignored). */
  public LocalClusterBuilder set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  public LocalClusterBuilder startWait(Duration wait) {
    this.startWait = wait;
    return this;
  }

  /** Starts every process; returns once the cluster serves requests. */
  public LocalCluster start() {
    LocalClusterSettings s = new LocalClusterSettings(
        coordinators, brokers, workers, slots, new PortLayout(portBase), quotas, cluster, clock, settings, startWait);
    try {
      if (dir != null) {
        return LocalCluster.start(s, Files.createDirectories(dir), false);
      }
      return LocalCluster.start(s, Files.createTempDirectory("tributary-local-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory: " + e.getMessage(), e);
    }
  }
}
