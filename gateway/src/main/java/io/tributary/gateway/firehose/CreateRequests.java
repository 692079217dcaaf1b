package io.tributary.gateway.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import java.util.Locale;

/**
 * Maps a Firehose CreateDeliveryStream request onto a native delivery spec (JSON, validated again by
 * the coordinator). Thread-safe (stateless).
 *
 * <p>Only S3 destinations have a native twin that keeps Firehose's meaning (buffered objects under a
 * prefix); other destinations are refused by name so that nothing is created half-understood.
 */
final class CreateRequests {
  private static final long MIB = 1024L * 1024L;
  private static final String BUCKET_ARN = "arn:aws:s3:::";
  private static final long RETRY_MILLIS = 300_000;
  private static final long CHECKPOINT_MILLIS = 5_000;

  private CreateRequests() {}

  /** A create to send: the delivery stream's name and the native request. */
  record Create(String name, CreateDeliveryStreamRequest request) {}

  static Create read(OperationInput in, Arns arns) {
    String name = in.requiredString("DeliveryStreamName");
    String type = in.optionalString("DeliveryStreamType").orElse("DirectPut");
    ObjectNode spec = Codec.object().put("name", name);
    switch (type) {
      case "DirectPut" -> spec.put("directPut", true).put("sourceStream", name + "-delivery-source");
      case "KinesisStreamAsSource" -> spec.put("directPut", false).put("sourceStream", arns.streamName(null,
          text(in.object("KinesisStreamSourceConfiguration"), "KinesisStreamARN")));
      default -> throw GatewayException.invalidArgument("DeliveryStreamType " + type
          + " is not supported; use DirectPut or KinesisStreamAsSource");
    }
    JsonNode s3 = in.body().has("ExtendedS3DestinationConfiguration")
        ? in.object("ExtendedS3DestinationConfiguration") : in.body().get("S3DestinationConfiguration");
    if (s3 == null || !s3.isObject()) {
      throw GatewayException.invalidArgument("delivery stream '" + name + "' names no supported destination;"
          + " supported: ExtendedS3DestinationConfiguration and S3DestinationConfiguration");
    }
    s3(spec, s3);
    spec.put("format", "JSON").put("retryDurationMillis", RETRY_MILLIS).put("parallelism", 1)
        .put("checkpointIntervalMillis", CHECKPOINT_MILLIS);
    return new Create(name, CreateDeliveryStreamRequest.newBuilder().setSpecJson(spec.toString()).build());
  }

  private static void s3(ObjectNode spec, JsonNode s3) {
    String bucketArn = text(s3, "BucketARN");
    if (!bucketArn.startsWith(BUCKET_ARN) || bucketArn.length() == BUCKET_ARN.length()) {
      throw GatewayException.invalidArgument("BucketARN '" + bucketArn + "' is not an S3 bucket ARN; use "
          + BUCKET_ARN + "BUCKET");
    }
    spec.put("destination", "s3://" + bucketArn.substring(BUCKET_ARN.length()) + "/");
    if (s3.path("Prefix").isTextual()) {
      spec.put("prefix", s3.path("Prefix").textValue());
    }
    if (s3.path("ErrorOutputPrefix").isTextual()) {
      spec.put("errorPrefix", s3.path("ErrorOutputPrefix").textValue());
    }
    JsonNode hints = s3.path("BufferingHints");
    spec.put("bufferSizeBytes", hints.path("SizeInMBs").asLong(5) * MIB);
    spec.put("bufferIntervalMillis", hints.path("IntervalInSeconds").asLong(300) * 1000);
    spec.put("compression", compression(s3.path("CompressionFormat").asText("UNCOMPRESSED")));
  }

  private static String compression(String format) {
    return switch (format.toUpperCase(Locale.ROOT)) {
      case "UNCOMPRESSED" -> "NONE";
      case "GZIP" -> "GZIP";
      case "SNAPPY", "HADOOP_SNAPPY" -> "SNAPPY";
      default -> throw GatewayException.invalidArgument("CompressionFormat " + format
          + " is not supported; use UNCOMPRESSED, GZIP or Snappy");
    };
  }

  private static String text(JsonNode node, String member) {
    JsonNode value = node.path(member);
    if (!value.isTextual()) {
      throw GatewayException.invalidArgument("set " + member + " (a string)");
    }
    return value.textValue();
  }
}
