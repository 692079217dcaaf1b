package io.tributary.cli.delivery;

import io.tributary.common.error.Errors;
import io.tributary.delivery.BufferingHints;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code trib delivery create} that make up a delivery spec, and the spec they make.
 * Confined to the command's thread.
 *
 * <p>The spec is built here with the same constructor the coordinator uses, so bad input is refused
 * before anything is sent, with the message the coordinator would give.
 */
final class DeliverySpecOptions {
  static final String DIRECT = "direct";
  static final String STREAM_PREFIX = "stream:";

  @Option(names = "--destination", required = true, paramLabel = "URI",
      description = "file:///DIR, s3://BUCKET/PREFIX, http(s)://HOST/PATH or jdbc:postgresql://HOST/DB.")
  String destination;

  @Option(names = "--source", paramLabel = "direct|stream:NAME", defaultValue = DIRECT,
      description = "direct (default): records are put to the delivery stream ('trib delivery put'), kept in its"
          + " backing stream NAME-delivery-source; stream:NAME: read an existing stream from now on.")
  String source;

  @Option(names = "--buffer-size", paramLabel = "BYTES", converter = DeliveryConverters.SizeConverter.class,
      description = "Close an object once it holds this much: 1MiB to 128MiB, e.g. 5MiB or 1048576 (default 5MiB).")
  long bufferSize = BufferingHints.DEFAULT.sizeBytes();

  @Option(names = "--buffer-interval", paramLabel = "DURATION",
      converter = DeliveryConverters.DurationConverter.class,
      description = "Close an object once its oldest record is this old: 0s to 900s, e.g. 60s or 5m (default 300s).")
  Duration bufferInterval = BufferingHints.DEFAULT.interval();

  @Option(names = "--format", paramLabel = "json|parquet", converter = FormatConverter.class,
      description = "Object format (default json: the records as written).")
  OutputFormat format = OutputFormat.JSON;

  @Option(names = "--schema", paramLabel = "TEXT|@FILE",
      description = "Parquet only: the message type, e.g. 'message e { required binary id (STRING); }', or @FILE.")
  String schema;

  @Option(names = "--compression", paramLabel = "none|gzip|zstd|snappy", converter = CompressionConverter.class,
      description = "Compression of each object (default none; file:// and s3:// only).")
  Compression compression = Compression.NONE;

  @Option(names = "--prefix", paramLabel = "TEMPLATE",
      description = "Object key prefix, with !{timestamp:FORMAT} and !{partitionKey:NAME} (default "
          + DeliverySpec.DEFAULT_PREFIX + ").")
  String prefix;

  @Option(names = "--error-prefix", paramLabel = "TEMPLATE",
      description = "Prefix of error output objects, with !{error-output-type} (default "
          + DeliverySpec.DEFAULT_ERROR_PREFIX + ").")
  String errorPrefix;

  @Option(names = "--error-destination", paramLabel = "URI",
      description = "file:// or s3:// for records that cannot be delivered (default: the destination; required"
          + " for http and jdbc destinations).")
  String errorDestination;

  @Option(names = "--partition-key", paramLabel = "NAME=JSON_PATH",
      description = "Dynamic partitioning: a key taken from each JSON record (e.g. customer=/customer/id or"
          + " customer=customer.id), used in --prefix as !{partitionKey:NAME}. Repeatable.")
  List<String> partitionKeys = List.of();

  @Option(names = "--transform", paramLabel = "CLASS",
      description = "A RecordTransform class applied to every record (from --transform-jar, or the workers').")
  String transform;

  @Option(names = "--no-newline-delimiter", negatable = false,
      description = "JSON objects: do not end each record with a newline.")
  boolean noNewlineDelimiter;

  @Option(names = "--retry-duration", paramLabel = "DURATION", converter = DeliveryConverters.DurationConverter.class,
      description = "How long delivery of an object is retried before its records go to the error output, 0s to"
          + " 24h (default 300s).")
  Duration retryDuration = DeliverySpec.DEFAULT_RETRY_DURATION;

  @Option(names = "--parallelism", paramLabel = "N", description = "Subtasks of the delivery job, 1 to "
      + DeliverySpec.MAX_PARALLELISM + " (default 1).")
  int parallelism = 1;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      converter = DeliveryConverters.DurationConverter.class,
      description = "Objects are delivered once the checkpoint after their close completes: 100ms to 10m"
          + " (default 5s).")
  Duration checkpointInterval = DeliverySpec.DEFAULT_CHECKPOINT_INTERVAL;

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "A destination setting (e.g. s3.endpoint=..., http.header.X=..., jdbc.table=...). Repeatable.")
  List<String> options = List.of();

  /** The spec of {@code name}; InvalidArgument (as the coordinator words it) for a spec it would refuse. */
  DeliverySpec spec(String name) {
    boolean direct = source.equals(DIRECT);
    String sourceStream;
    if (direct) {
      sourceStream = DeliverySpec.backingStreamName(name);
    } else if (source.startsWith(STREAM_PREFIX) && source.length() > STREAM_PREFIX.length()) {
      sourceStream = source.substring(STREAM_PREFIX.length());
    } else {
      throw new TypeConversionException("--source '" + source + "' is neither direct nor stream:NAME");
    }
    return new DeliverySpec(name, sourceStream, direct, 0, destination, pairs(options, "--option", "KEY=VALUE"),
        bufferSize, bufferInterval.toMillis(), format, schemaText(), compression, prefix, errorPrefix,
        errorDestination, pairs(partitionKeys, "--partition-key", "NAME=JSON_PATH"), !noNewlineDelimiter, transform,
        retryDuration.toMillis(), parallelism, checkpointInterval.toMillis());
  }

  static Map<String, String> pairs(List<String> values, String what, String form) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String value : values) {
      Map.Entry<String, String> pair = DeliveryConverters.keyValue(value, what, form);
      if (out.put(pair.getKey(), pair.getValue()) != null) {
        throw new TypeConversionException(what + " " + pair.getKey() + " is given twice; give each once");
      }
    }
    return out;
  }

  private String schemaText() {
    if (schema == null || !schema.startsWith("@")) {
      return schema;
    }
    Path file = Path.of(schema.substring(1));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.invalid("cannot read the schema file '" + file + "' (" + e + "); give --schema @FILE of a"
          + " readable file or the schema text itself");
    }
  }

  /** {@code json} or {@code parquet}. */
  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.parse(value);
      } catch (RuntimeException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code none}, {@code gzip}, {@code zstd} or {@code snappy}. */
  static final class CompressionConverter implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String value) {
      try {
        return Compression.parse(value);
      } catch (RuntimeException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
