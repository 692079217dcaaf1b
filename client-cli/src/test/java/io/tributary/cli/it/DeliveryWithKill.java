package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.delivery.spec.DeliverySpec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The acceptance run every destination goes through: 100,000 records, the first few thousand with
 * {@code trib delivery put} and the rest with the client's producer to the backing stream while
 * the delivery job runs, and a kill -9 of a worker running the job once some records reached the
 * destination and before all did. Returns when every id arrived at least once; the caller then
 * checks the content. Confined to the test's thread.
 */
final class DeliveryWithKill {
  static final int RECORDS = 100_000;
  private static final int PUT_WITH_CLI = 3_000;
  private static final int PER_SECOND = 5_000;

  private DeliveryWithKill() {}

  /** What happens to the cluster or the destination once the first records were delivered. */
  @FunctionalInterface
  interface Fault {
    void strike() throws Exception;
  }

  /**
   * Runs the scenario against the delivery stream {@code name}; {@code distinctDelivered} counts
   * the distinct ids the destination holds now.
   */
  static void run(DeliveryCluster cluster, String name, IntSupplier distinctDelivered) throws Exception {
    run(cluster, name, distinctDelivered, () -> cluster.killAWorkerOf(name));
  }

  /** As above, with {@code fault} instead of the worker kill alone. */
  static void run(DeliveryCluster cluster, String name, IntSupplier distinctDelivered, Fault fault) throws Exception {
    cluster.awaitRunning(name);
    cluster.put(name, DeliveryRecords.range(0, PUT_WITH_CLI));
    CompletableFuture<Void> producing = DeliveryRecords.produceInBackground(cluster.client(),
        DeliverySpec.backingStreamName(name), DeliveryRecords.range(PUT_WITH_CLI, RECORDS), PER_SECOND);

    await("first records delivered").atMost(DeliveryCluster.LONG).pollInterval(Duration.ofMillis(500))
        .until(() -> distinctDelivered.getAsInt() > 0);
    int beforeFault = distinctDelivered.getAsInt();
    assertThat(beforeFault).as("delivered before the fault: it must land mid-run").isLessThan(RECORDS);
    fault.strike();

    producing.get(3, TimeUnit.MINUTES);
    await("all " + RECORDS + " ids delivered after the fault").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2)).until(() -> distinctDelivered.getAsInt() >= RECORDS);
  }
}
