package io.tributary.delivery.job;

import io.tributary.delivery.Compression;
import io.tributary.delivery.ErrorOutputType;
import io.tributary.delivery.ObjectName;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.PathTemplate;
import io.tributary.delivery.spec.DeliverySpec;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Names a delivery stream's objects and error objects from what a checkpoint restores (see {@link
 * ObjectName}), so that a batch delivered again gets the same key. Immutable and thread-safe.
 *
 * <p>Error objects are JSON lines, uncompressed, so that people can read why records failed
 * without tools.
 */
final class ObjectKeys {
  private final String deliveryStream;
  private final PathTemplate prefix;
  private final PathTemplate errorPrefix;
  private final OutputFormat format;
  private final Compression compression;

  ObjectKeys(DeliverySpec spec) {
    this.deliveryStream = spec.name();
    this.prefix = PathTemplate.prefix(spec.prefix());
    this.errorPrefix = PathTemplate.errorPrefix(spec.errorPrefix());
    this.format = spec.format();
    this.compression = spec.compression();
  }

  /** The partition keys the prefix uses, in template order. */
  java.util.List<String> partitionKeyNames() {
    return prefix.partitionKeyNames();
  }

  /** Why {@code partitionKeys} cannot name an object (a value unsafe in a path), or null. */
  String problem(Map<String, String> partitionKeys) {
    PathTemplate.Rendering rendering = prefix.render(Instant.EPOCH, partitionKeys, new SplittableRandom(0));
    return rendering instanceof PathTemplate.Unresolved unresolved ? unresolved.reason() : null;
  }

  String dataKey(Map<String, String> partitionKeys, long oldestArrival, int subtask, long base, long sequence) {
    Instant oldest = Instant.ofEpochMilli(oldestArrival);
    PathTemplate.Rendering rendering = prefix.render(oldest, partitionKeys, random(subtask, base, sequence));
    if (!(rendering instanceof PathTemplate.Rendered rendered)) {
      throw new IllegalStateException("partition keys " + partitionKeys + " were accepted for a buffer but cannot"
          + " name its object: " + ((PathTemplate.Unresolved) rendering).reason());
    }
    return new ObjectName(rendered.path(), deliveryStream, oldest, subtask, base, sequence, format, compression)
        .key();
  }

  String errorKey(ErrorOutputType type, long oldestArrival, int subtask, long base, long sequence) {
    Instant oldest = Instant.ofEpochMilli(oldestArrival);
    String path = errorPrefix.renderError(oldest, type, random(subtask, base, sequence));
    return new ObjectName(path, deliveryStream, oldest, subtask, base, sequence, OutputFormat.JSON, Compression.NONE)
        .key();
  }

  /** The error object holding the records of a data batch the destination refused for good. */
  String deliveryFailedKey(ClosedBatch batch) {
    return errorKey(ErrorOutputType.DELIVERY_FAILED, batch.oldestArrivalMillis(), batch.subtask(),
        batch.checkpointBase(), batch.sequence());
  }

  String deliveryStream() {
    return deliveryStream;
  }

  private SplittableRandom random(int subtask, long base, long sequence) {
    return new SplittableRandom(ObjectName.seed(deliveryStream, subtask, base, sequence));
  }
}
