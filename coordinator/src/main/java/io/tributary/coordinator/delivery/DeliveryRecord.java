package io.tributary.coordinator.delivery;

import java.util.List;

/**
 * A delivery stream as stored at {@code delivery-streams/<name>}: its spec, its job and where its
 * life is. Immutable.
 *
 * @param phase {@link #CREATING} until the job is submitted, then {@link #ACTIVE}, {@link #DELETING}
 *     once a delete began; a node left CREATING or DELETING by a failed leader is finished by a delete
 * @param jobId the delivery job, empty while creating
 */
public record DeliveryRecord(String name, String specJson, String jobId, long createdMs, String phase,
    int shards, List<String> warnings) {
  public static final String CREATING = "CREATING";
  public static final String ACTIVE = "ACTIVE";
  public static final String DELETING = "DELETING";

  public DeliveryRecord {
    jobId = jobId == null ? "" : jobId;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  DeliveryRecord withJob(String id) {
    return new DeliveryRecord(name, specJson, id, createdMs, ACTIVE, shards, warnings);
  }

  DeliveryRecord deleting() {
    return new DeliveryRecord(name, specJson, jobId, createdMs, DELETING, shards, warnings);
  }
}
