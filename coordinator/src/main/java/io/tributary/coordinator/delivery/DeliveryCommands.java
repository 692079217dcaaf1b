package io.tributary.coordinator.delivery;

import io.tributary.common.error.Errors;
import io.tributary.coordinator.jobs.Leadership;
import io.tributary.coordinator.jobs.ManagedJobs;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.destination.Destinations;
import io.tributary.delivery.format.ParquetSchemas;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.delivery.spec.DestinationUri;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Creates and deletes delivery streams on the leader: validation, the destination probe, the
 * backing stream, the stored node and the managed job. Thread-safe: changes run one at a time.
 *
 * <p>The node is stored first (CREATING) so that it claims the name; a creation that fails
 * afterwards undoes what it did, and one cut short by a lost leadership is finished by a delete.
 */
public final class DeliveryCommands {
  /** The main class of every delivery job. */
  public static final String JOB_MAIN_CLASS = "io.tributary.delivery.job.DeliveryJob";
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Logger LOG = LogManager.getLogger(DeliveryCommands.class);

  private final Leadership leadership;
  private final DeliveryCatalog catalog;
  private final BackingStreams streams;
  private final ManagedJobs jobs;
  private final Clock clock;

  public DeliveryCommands(Leadership leadership, DeliveryCatalog catalog, BackingStreams streams, ManagedJobs jobs,
      Clock clock) {
    this.leadership = leadership;
    this.catalog = catalog;
    this.streams = streams;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** A validated request: the spec, the transform jar (may be empty) and the backing stream's shards. */
  public record Creation(DeliverySpec spec, byte[] transformJar, int shards) {}

  /** Reads and checks a create request before anything changes. */
  public Creation validate(String specJson, byte[] transformJar, int shards) {
    DeliverySpec spec = DeliverySpecs.read(specJson, clock.millis());
    if (spec.directPut() && !spec.sourceStream().equals(DeliverySpec.backingStreamName(spec.name()))) {
      throw Errors.invalid("a direct-put delivery stream reads its backing stream '"
          + DeliverySpec.backingStreamName(spec.name()) + "', not '" + spec.sourceStream() + "'");
    }
    if (shards < 0 || (!spec.directPut() && shards != 0)) {
      throw Errors.invalid("--shards " + shards + " is invalid: it sets the backing stream's shards (1 or more)"
          + " of a direct-put delivery stream; a stream source keeps its own shards");
    }
    Destinations.validateOptions(spec);
    if (spec.format() == OutputFormat.PARQUET) {
      ParquetSchemas.validate(spec.parquetSchema());
    }
    TransformJars.check(spec.transformClass(), transformJar);
    return new Creation(spec, transformJar, Math.max(1, shards));
  }

  /** Creates the delivery stream; returns the warnings of the destination probes. */
  public synchronized List<String> create(Creation creation) {
    leadership.requireLeader();
    DeliverySpec spec = creation.spec();
    String name = spec.name();
    refuseTaken(spec);
    List<String> warnings = probe(spec);
    catalog.create(new DeliveryRecord(name, spec.toJson(), "", clock.millis(), DeliveryRecord.CREATING,
        creation.shards(), warnings));
    boolean backingCreated = false;
    String jobId = "";
    try {
      if (spec.directPut()) {
        streams.create(spec.sourceStream(), creation.shards());
        backingCreated = true;
      }
      byte[] jar = creation.transformJar().length > 0 ? creation.transformJar() : ManifestJar.naming(JOB_MAIN_CLASS);
      jobId = jobs.submit(jar, JOB_MAIN_CLASS, List.of(spec.toJson()), spec.parallelism());
      DeliveryRecord stored = catalog.find(name).orElseThrow(() -> DeliveryErrors.notFound(name));
      catalog.update(stored.withJob(jobId));
    } catch (RuntimeException e) {
      undo(name, backingCreated ? spec.sourceStream() : "", jobId, e);
      throw e;
    }
    LOG.info("created delivery stream '{}' from '{}' to {} (job {})", name, spec.sourceStream(),
        spec.destinationUri().scheme(), jobId);
    return warnings;
  }

  private void refuseTaken(DeliverySpec spec) {
    catalog.find(spec.name()).ifPresent(existing -> {
      throw DeliveryRecord.DELETING.equals(existing.phase())
          ? DeliveryErrors.deleting(spec.name()) : DeliveryErrors.exists(spec.name());
    });
    boolean sourceExists = streams.exists(spec.sourceStream());
    if (spec.directPut() && sourceExists) {
      throw DeliveryErrors.backingExists(spec.name(), spec.sourceStream());
    }
    if (!spec.directPut() && !sourceExists) {
      throw DeliveryErrors.sourceMissing(spec.sourceStream());
    }
  }

  private static List<String> probe(DeliverySpec spec) {
    List<String> warnings = new ArrayList<>();
    Destinations.probe(spec.destinationUri(), Destinations.optionsFor(spec.destinationUri(), spec.options()),
        PROBE_TIMEOUT).ifPresent(warnings::add);
    if (!spec.errorDestination().isBlank()) {
      DestinationUri errors = spec.errorDestinationUri();
      Destinations.probe(errors, Destinations.optionsFor(errors, spec.options()), PROBE_TIMEOUT).map(w -> "error destination: " + w)
          .ifPresent(warnings::add);
    }
    return warnings;
  }

  private void undo(String name, String backingStream, String jobId, RuntimeException cause) {
    try {
      if (!jobId.isEmpty()) {
        jobs.cancelIfRunning(jobId);
      }
      if (!backingStream.isEmpty()) {
        streams.deleteIfExists(backingStream);
      }
      catalog.delete(name);
    } catch (RuntimeException e) {
      // The node stays (CREATING); 'trib delivery delete' finishes the cleanup.
      cause.addSuppressed(e);
    }
  }

  /** Cancels the job, deletes the backing stream of a direct-put delivery stream, removes the node. */
  public synchronized void delete(String name) {
    leadership.requireLeader();
    DeliveryRecord record = catalog.find(name).orElseThrow(() -> DeliveryErrors.notFound(name));
    if (!DeliveryRecord.DELETING.equals(record.phase())) {
      record = record.deleting();
      catalog.update(record);
    }
    if (!record.jobId().isEmpty()) {
      jobs.cancelIfRunning(record.jobId());
    }
    DeliverySpec spec = DeliverySpec.fromJson(record.specJson());
    if (spec.directPut()) {
      streams.deleteIfExists(spec.sourceStream());
    }
    catalog.delete(name);
    LOG.info("deleted delivery stream '{}'", name);
  }
}
