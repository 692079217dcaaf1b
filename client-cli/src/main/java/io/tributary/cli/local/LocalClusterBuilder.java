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
 * Builds and starts a {@link LocalCluster}. Defaults: one coordinator, one broker, free ports,
 * quotas off, cluster "tributary", the system clock, a temporary directory. Confined to one thread.
 */
public final class LocalClusterBuilder {
  private Path dir;
  private int coordinators = 1;
  private int brokers = 1;
  private int workers;
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

  /** Workers run jobs; none can run in this version, so only 0 is accepted at start. */
  public LocalClusterBuilder workers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(n + " workers is negative");
    }
    this.workers = n;
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
    if (workers > 0) {
      throw new UnsupportedOperationException(
          "workers are not available in this version; start the cluster without --workers");
    }
    LocalClusterSettings s = new LocalClusterSettings(
        coordinators, brokers, new PortLayout(portBase), quotas, cluster, clock, settings, startWait);
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
