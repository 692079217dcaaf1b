package io.tributary.coordinator.delivery;

import io.tributary.proto.v1.DeliveryMetrics;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.SubtaskDescription;
import io.tributary.proto.v1.VertexDescription;
import java.util.Map;

/**
 * Adds up a delivery job's metrics over its subtasks: counters are summed, the age of the oldest
 * undelivered record is the largest any subtask reports. Stateless.
 *
 * <p>The names are the delivery job's metric names (its {@code DeliveryMetrics} constants).
 */
final class DeliveryMetricsSum {
  static final String RECORDS_IN = "delivery.records_in";
  static final String BYTES_IN = "delivery.bytes_in";
  static final String RECORDS_DELIVERED = "delivery.records_delivered";
  static final String BYTES_DELIVERED = "delivery.bytes_delivered";
  static final String OBJECTS_DELIVERED = "delivery.objects_delivered";
  static final String RECORDS_DROPPED = "delivery.records_dropped";
  static final String RECORDS_FAILED = "delivery.records_failed";
  static final String DELIVERY_FAILURES = "delivery.delivery_failures";
  static final String OLDEST_UNDELIVERED_AGE_MS = "delivery.oldest_undelivered_age_ms";

  private DeliveryMetricsSum() {}

  static DeliveryMetrics of(JobDescription job) {
    DeliveryMetrics.Builder out = DeliveryMetrics.newBuilder();
    for (VertexDescription vertex : job.getVerticesList()) {
      for (SubtaskDescription subtask : vertex.getSubtasksList()) {
        add(out, subtask.getMetricsMap());
      }
    }
    return out.build();
  }

  private static void add(DeliveryMetrics.Builder out, Map<String, Long> m) {
    out.setRecordsIn(out.getRecordsIn() + m.getOrDefault(RECORDS_IN, 0L))
        .setBytesIn(out.getBytesIn() + m.getOrDefault(BYTES_IN, 0L))
        .setRecordsDelivered(out.getRecordsDelivered() + m.getOrDefault(RECORDS_DELIVERED, 0L))
        .setBytesDelivered(out.getBytesDelivered() + m.getOrDefault(BYTES_DELIVERED, 0L))
        .setObjectsDelivered(out.getObjectsDelivered() + m.getOrDefault(OBJECTS_DELIVERED, 0L))
        .setRecordsDropped(out.getRecordsDropped() + m.getOrDefault(RECORDS_DROPPED, 0L))
        .setRecordsFailed(out.getRecordsFailed() + m.getOrDefault(RECORDS_FAILED, 0L))
        .setDeliveryFailures(out.getDeliveryFailures() + m.getOrDefault(DELIVERY_FAILURES, 0L))
        .setOldestUndeliveredAgeMs(
            Math.max(out.getOldestUndeliveredAgeMs(), m.getOrDefault(OLDEST_UNDELIVERED_AGE_MS, 0L)));
  }
}
