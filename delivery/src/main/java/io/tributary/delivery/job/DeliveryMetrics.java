package io.tributary.delivery.job;

import io.tributary.api.metrics.Counter;
import io.tributary.api.metrics.MetricGroup;
import java.util.function.LongSupplier;

/**
 * The metrics of one delivery subtask, registered on the subtask's metric group; the names are
 * what {@code trib delivery describe} sums over subtasks. Thread-safe: the task thread and the
 * publisher thread both count.
 */
public final class DeliveryMetrics {
  public static final String RECORDS_IN = "delivery.records_in";
  public static final String BYTES_IN = "delivery.bytes_in";
  public static final String RECORDS_DELIVERED = "delivery.records_delivered";
  /** Object or request body bytes written to the destination. */
  public static final String BYTES_DELIVERED = "delivery.bytes_delivered";
  public static final String OBJECTS_DELIVERED = "delivery.objects_delivered";
  public static final String RECORDS_DROPPED = "delivery.records_dropped";
  /** Records sent to the error output, for any reason. */
  public static final String RECORDS_FAILED = "delivery.records_failed";
  /** Delivery attempts that failed (each retry counts). */
  public static final String DELIVERY_FAILURES = "delivery.delivery_failures";
  /** Now minus the oldest arrival among records not yet delivered, 0 when there are none. */
  public static final String OLDEST_UNDELIVERED_AGE_MS = "delivery.oldest_undelivered_age_ms";

  final Counter recordsIn;
  final Counter bytesIn;
  final Counter recordsDelivered;
  final Counter bytesDelivered;
  final Counter objectsDelivered;
  final Counter recordsDropped;
  final Counter recordsFailed;
  final Counter deliveryFailures;

  DeliveryMetrics(MetricGroup group, LongSupplier oldestUndeliveredAgeMillis) {
    recordsIn = group.counter(RECORDS_IN);
    bytesIn = group.counter(BYTES_IN);
    recordsDelivered = group.counter(RECORDS_DELIVERED);
    bytesDelivered = group.counter(BYTES_DELIVERED);
    objectsDelivered = group.counter(OBJECTS_DELIVERED);
    recordsDropped = group.counter(RECORDS_DROPPED);
    recordsFailed = group.counter(RECORDS_FAILED);
    deliveryFailures = group.counter(DELIVERY_FAILURES);
    group.gauge(OLDEST_UNDELIVERED_AGE_MS, oldestUndeliveredAgeMillis);
  }
}
