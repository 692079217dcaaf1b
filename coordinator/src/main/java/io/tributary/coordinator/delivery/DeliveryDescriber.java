package io.tributary.coordinator.delivery;

import io.tributary.coordinator.jobs.ManagedJobs;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import java.util.List;
import java.util.Optional;

/**
 * Describes delivery streams: the stored node joined with its job's state and metrics. Thread-safe
 * (reads only; a standby answers from ZooKeeper).
 */
public final class DeliveryDescriber {
  /** The status of a delivery stream whose job is gone (pruned, or lost with a failed creation). */
  static final String MISSING = "MISSING";

  private final DeliveryCatalog catalog;
  private final ManagedJobs jobs;

  public DeliveryDescriber(DeliveryCatalog catalog, ManagedJobs jobs) {
    this.catalog = catalog;
    this.jobs = jobs;
  }

  public DeliveryStreamDescription describe(String name) {
    return describe(catalog.find(name).orElseThrow(() -> DeliveryErrors.notFound(name)));
  }

  public List<DeliveryStreamDescription> list() {
    return catalog.all().stream().map(this::describe).toList();
  }

  DeliveryStreamDescription describe(DeliveryRecord record) {
    DeliverySpec spec = DeliverySpec.fromJson(record.specJson());
    DeliveryStreamDescription.Builder out = DeliveryStreamDescription.newBuilder()
        .setName(record.name())
        .setSpecJson(record.specJson())
        .setJobId(record.jobId())
        .setSourceStream(spec.sourceStream())
        .setDirectPut(spec.directPut())
        .setDestination(spec.destination())
        .setCreatedMs(record.createdMs())
        .addAllWarnings(record.warnings());
    Optional<JobDescription> job = record.jobId().isEmpty() ? Optional.empty() : jobs.describe(record.jobId());
    job.ifPresent(j -> out.setFailure(j.getFailure()).setMetrics(DeliveryMetricsSum.of(j)));
    return out.setStatus(status(record, job)).build();
  }

  private static String status(DeliveryRecord record, Optional<JobDescription> job) {
    if (!DeliveryRecord.ACTIVE.equals(record.phase())) {
      return record.phase();
    }
    if (job.isEmpty()) {
      return MISSING;
    }
    JobState state = job.get().getState();
    return state == JobState.JOB_RUNNING ? DeliveryRecord.ACTIVE : state.name().substring("JOB_".length());
  }
}
