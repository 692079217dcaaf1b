package io.tributary.delivery.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.StreamNames;
import io.tributary.delivery.BufferingHints;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.PathTemplate;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything a delivery stream is made of, as the user declared it (with defaults filled in).
 * Immutable; validated on construction so that a spec that exists is one the job can run. Travels
 * as JSON: stored by the coordinator in ZooKeeper and handed to the delivery job as its argument.
 *
 * @param name 1-64 letters, digits, '_', '.', '-'
 * @param sourceStream the stream the job reads: the backing stream of a direct-put delivery stream
 *     ({@link #backingStreamName}) or an existing stream
 * @param directPut whether records are put to the delivery stream itself (its own backing stream)
 * @param startAtMillis where the job starts reading an existing stream (records that arrived at or
 *     after it, i.e. from creation on); ignored for direct put (read from the trim horizon)
 * @param destination the destination URI: {@code file:///dir}, {@code s3://bucket/prefix},
 *     {@code http(s)://...}, {@code jdbc:postgresql://...}
 * @param options destination settings ({@link DestinationOptions} names them), never null
 * @param bufferSizeBytes see {@link BufferingHints}
 * @param bufferIntervalMillis see {@link BufferingHints}
 * @param format JSON (records as they are, newline-delimited unless turned off) or Parquet
 * @param parquetSchema the declared Parquet message type, required for and only with Parquet
 * @param compression of each object (file and S3 destinations only)
 * @param prefix the object key prefix template ({@link PathTemplate#prefix})
 * @param errorPrefix the error output prefix template ({@link PathTemplate#errorPrefix})
 * @param errorDestination where error output goes: file:// or s3://; empty means the destination
 *     itself (file and S3 destinations; required for HTTP and JDBC)
 * @param partitionKeys dynamic partitioning: key name to JSON path (pointer or dotted), may be empty
 * @param newlineDelimiter whether JSON records get a newline after each one in objects
 * @param transformClass a {@link io.tributary.delivery.RecordTransform} class in the job jar, or ""
 * @param retryDurationMillis how long delivery of one object is retried before it goes to the error output
 * @param parallelism subtasks of the delivery job
 * @param checkpointIntervalMillis the job's checkpoint interval: objects are delivered once the
 *     checkpoint after their close completes
 */
public record DeliverySpec(
    String name,
    String sourceStream,
    boolean directPut,
    long startAtMillis,
    String destination,
    Map<String, String> options,
    long bufferSizeBytes,
    long bufferIntervalMillis,
    OutputFormat format,
    String parquetSchema,
    Compression compression,
    String prefix,
    String errorPrefix,
    String errorDestination,
    Map<String, String> partitionKeys,
    boolean newlineDelimiter,
    String transformClass,
    long retryDurationMillis,
    int parallelism,
    long checkpointIntervalMillis) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public static final String DEFAULT_PREFIX = "!{timestamp:yyyy/MM/dd/HH}/";
  public static final String DEFAULT_ERROR_PREFIX = "errors/!{error-output-type}/!{timestamp:yyyy/MM/dd/HH}/";
  public static final Duration DEFAULT_RETRY_DURATION = Duration.ofSeconds(300);
  public static final Duration MAX_RETRY_DURATION = Duration.ofHours(24);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
  public static final int MAX_PARALLELISM = 64;

  public DeliverySpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Errors.invalid("delivery stream name '" + name
          + "' is not 1-64 letters, digits, '_', '.' or '-'; choose another name");
    }
    if (sourceStream == null || sourceStream.isBlank()) {
      throw Errors.invalid("delivery stream '" + name + "' has no source stream; use --source direct or stream:NAME");
    }
    options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    partitionKeys = partitionKeys == null ? Map.of() : Map.copyOf(new TreeMap<>(partitionKeys));
    parquetSchema = parquetSchema == null ? "" : parquetSchema;
    errorDestination = errorDestination == null ? "" : errorDestination;
    transformClass = transformClass == null ? "" : transformClass.trim();
    format = format == null ? OutputFormat.JSON : format;
    compression = compression == null ? Compression.NONE : compression;
    prefix = prefix == null ? DEFAULT_PREFIX : prefix;
    errorPrefix = errorPrefix == null ? DEFAULT_ERROR_PREFIX : errorPrefix;
    DestinationUri target = DestinationUri.parse(destination);
    new BufferingHints(bufferSizeBytes, Duration.ofMillis(bufferIntervalMillis));
    PathTemplate prefixTemplate = PathTemplate.prefix(prefix);
    PathTemplate.errorPrefix(errorPrefix);
    for (String key : prefixTemplate.partitionKeyNames()) {
      if (!partitionKeys.containsKey(key) && transformClass.isEmpty()) {
        throw Errors.invalid("prefix '" + prefix + "' uses !{partitionKey:" + key + "} but no partition key '"
            + key + "' is declared; add --partition-key " + key + "=JSON_PATH (or a transform that sets it)");
      }
    }
    if (!partitionKeys.isEmpty() && prefixTemplate.partitionKeyNames().isEmpty()) {
      throw Errors.invalid("partition keys " + partitionKeys.keySet() + " are declared but prefix '" + prefix
          + "' uses none of them; add !{partitionKey:NAME} to --prefix");
    }
    if (format == OutputFormat.PARQUET && parquetSchema.isBlank()) {
      throw Errors.invalid("--format parquet needs the declared schema: --schema 'message NAME { ... }'"
          + " (Parquet's message type syntax) or --schema @FILE");
    }
    if (format != OutputFormat.PARQUET && !parquetSchema.isBlank()) {
      throw Errors.invalid("--schema applies only to --format parquet; drop it or add --format parquet");
    }
    if (!target.isObjectStore()) {
      if (format != OutputFormat.JSON || compression != Compression.NONE) {
        throw Errors.invalid(target.scheme() + " destinations take JSON records uncompressed; drop --format and"
            + " --compression, or deliver to file:// or s3://");
      }
      if (errorDestination.isBlank()) {
        throw Errors.invalid(target.scheme() + " destination needs an error output: add --error-destination"
            + " file:///DIR or s3://BUCKET/PREFIX for records that cannot be delivered");
      }
    }
    if (!errorDestination.isBlank() && !DestinationUri.parse(errorDestination).isObjectStore()) {
      throw Errors.invalid("error destination '" + errorDestination + "' must be file:// or s3://");
    }
    if (retryDurationMillis < 0 || retryDurationMillis > MAX_RETRY_DURATION.toMillis()) {
      throw Errors.invalid("retry duration " + retryDurationMillis + " ms is out of bounds; set --retry-duration"
          + " between 0s and 24h");
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw Errors.invalid("parallelism " + parallelism + " is out of bounds; set --parallelism between 1 and "
          + MAX_PARALLELISM);
    }
    if (checkpointIntervalMillis < 100 || checkpointIntervalMillis > Duration.ofMinutes(10).toMillis()) {
      throw Errors.invalid("checkpoint interval " + checkpointIntervalMillis + " ms is out of bounds; set"
          + " --checkpoint-interval between 100ms and 10m");
    }
  }

  /** The backing stream of a direct-put delivery stream. */
  public static String backingStreamName(String deliveryStream) {
    return StreamNames.deliveryBackingStream(deliveryStream);
  }

  public BufferingHints bufferingHints() {
    return new BufferingHints(bufferSizeBytes, Duration.ofMillis(bufferIntervalMillis));
  }

  public DestinationUri destinationUri() {
    return DestinationUri.parse(destination);
  }

  /** Where error output goes: the error destination, or the destination itself. */
  public DestinationUri errorDestinationUri() {
    return errorDestination.isBlank() ? destinationUri() : DestinationUri.parse(errorDestination);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write delivery spec as JSON: " + e.getMessage(), e);
    }
  }

  public static DeliverySpec fromJson(String json) {
    try {
      return JSON.readValue(json, DeliverySpec.class);
    } catch (JsonProcessingException e) {
      throw Errors.invalid("cannot read delivery spec: " + e.getOriginalMessage());
    }
  }
}
