package io.tributary.delivery;

import io.tributary.common.error.Errors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one delivered object: {@code
 * <prefix><delivery-stream>-<yyyy-MM-dd-HH-mm-ss>-<subtask>-<checkpointId>-<sequence><extension>}.
 * Immutable and thread-safe.
 *
 * <p>Firehose ends its names with a random UUID, so a write retried after a failure leaves a second
 * copy. Here every part comes from what a checkpoint restores: the arrival of the object's oldest
 * record (not the time of the write), the subtask that buffered it, the checkpoint that will commit
 * it and the object's sequence number within that checkpoint. A subtask that recovers and writes the
 * same object again therefore writes the same name and overwrites it, so the destination holds each
 * object once. For the same reason a prefix with {@code !{random-string}} must be rendered from a
 * random source seeded by these same parts ({@link #seed(String, int, long, long)}).
 *
 * <p>The extension is the format's, then the codec's ({@code .json.gz}); Parquet compresses its
 * pages inside the file, so the codec goes before the format ({@code .snappy.parquet}) and the name
 * still ends in {@code .parquet} for the tools that read it.
 */
public record ObjectName(
    String prefix,
    String deliveryStream,
    Instant oldestArrival,
    int subtask,
    long checkpointId,
    long sequence,
    OutputFormat format,
    Compression compression) {
  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  public ObjectName {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(oldestArrival, "oldestArrival");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(compression, "compression");
    if (deliveryStream == null || !STREAM_NAME.matcher(deliveryStream).matches()) {
      throw Errors.invalid("delivery stream name '" + deliveryStream
          + "' is not 1-64 letters, digits, '_', '.' or '-'; choose another name");
    }
    if (subtask < 0 || checkpointId < 0 || sequence < 0) {
      throw Errors.invalid("object name parts must not be negative (subtask " + subtask
          + ", checkpoint " + checkpointId + ", sequence " + sequence + "); pass the values the"
          + " checkpoint restored");
    }
  }

  /** The extension for {@code format} compressed with {@code compression}. */
  public static String extension(OutputFormat format, Compression compression) {
    return format == OutputFormat.PARQUET
        ? compression.extension() + format.extension()
        : format.extension() + compression.extension();
  }

  /** The full key: the prefix followed by the file name. */
  public String key() {
    return prefix + fileName();
  }

  /** The name without the prefix. */
  public String fileName() {
    return deliveryStream + '-' + TIME.format(oldestArrival) + '-' + subtask + '-' + checkpointId
        + '-' + sequence + extension(format, compression);
  }

  /**
   * A seed for the random source that renders this object's prefix: the same object identity gives
   * the same seed, so {@code !{random-string}} survives recovery unchanged.
   */
  public static long seed(String deliveryStream, int subtask, long checkpointId, long sequence) {
    long seed = deliveryStream.hashCode();
    seed = seed * 1_000_003L + subtask;
    seed = seed * 1_000_003L + checkpointId;
    return seed * 1_000_003L + sequence;
  }

  @Override
  public String toString() {
    return key();
  }
}
