package io.tributary.cli.local;

import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.ClusterStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Waits, within a bound, until a freshly started cluster is usable through its public API: a
 * coordinator leads and reports every broker as live, and every worker is registered where the
 * coordinator places subtasks. Confined to the starting thread.
 */
final class ReadinessProbe {
  private static final long POLL_MILLIS = 50;

  private final List<String> coordinators;
  private final Duration wait;

  ReadinessProbe(List<String> coordinators, Duration wait) {
    this.coordinators = coordinators;
    this.wait = wait;
  }

  void await(int brokers, int workers, BooleanSupplier leaderElected, IntSupplier workersRegistered) {
    long deadline = System.nanoTime() + wait.toNanos();
    String last = "no answer yet";
    try (TributaryClient client = TributaryClient.connect(new ClientOptions(coordinators, Duration.ofSeconds(5)))) {
      while (System.nanoTime() < deadline) {
        if (leaderElected.getAsBoolean()) {
          try {
            ClusterStatus status = client.clusterStatus();
            int registered = workers == 0 ? 0 : workersRegistered.getAsInt();
            if (status.getBrokersCount() >= brokers && registered >= workers) {
              return;
            }
            last = status.getBrokersCount() + " of " + brokers + " brokers and " + registered + " of " + workers
                + " workers registered";
          } catch (TributaryException e) {
            last = e.describe();
          }
        } else {
          last = "no coordinator leads yet";
        }
        pause();
      }
    }
    throw Errors.unavailable("the local cluster did not become ready within " + wait.toSeconds() + "s: " + last);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for the local cluster");
    }
  }
}
