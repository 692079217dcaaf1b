package io.tributary.gateway.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.stream.StreamNames;
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
 * <p>Only S3 and HTTP endpoint destinations have a native twin that keeps Firehose's meaning
 * (buffered objects under a prefix; Firehose's HTTP request format with its S3 backup of failed
 * records); other destinations are refused by name so that nothing is created half-understood.
 */
final class CreateRequests {
  private static final long MIB = 1024L * 1024L;
  private static final String BUCKET_ARN = "arn:aws:s3:::";
  private static final long RETRY_MILLIS = 300_000;
  private static final long CHECKPOINT_MILLIS = 5_000;
  private static final String HEADER = "http.header.";
  private static final String S3_REGION = "s3.region";

  private CreateRequests() {}

  /** A create to send: the delivery stream's name and the native request. */
  record Create(String name, CreateDeliveryStreamRequest request) {}

  static Create read(OperationInput in, Arns arns) {
    String name = in.requiredString("DeliveryStreamName");
    String type = in.optionalString("DeliveryStreamType").orElse("DirectPut");
    ObjectNode spec = Codec.object().put("name", name);
    switch (type) {
      case "DirectPut" -> spec.put("directPut", true).put("sourceStream", StreamNames.deliveryBackingStream(name));
      case "KinesisStreamAsSource" -> spec.put("directPut", false).put("sourceStream", arns.streamName(null,
          text(in.object("KinesisStreamSourceConfiguration"), "KinesisStreamARN")));
      default -> throw GatewayException.invalidArgument("DeliveryStreamType " + type
          + " is not supported; use DirectPut or KinesisStreamAsSource");
    }
    JsonNode s3 = in.body().has("ExtendedS3DestinationConfiguration")
        ? in.object("ExtendedS3DestinationConfiguration") : in.body().get("S3DestinationConfiguration");
    JsonNode http = in.body().get("HttpEndpointDestinationConfiguration");
    spec.put("format", "JSON").put("retryDurationMillis", RETRY_MILLIS).put("parallelism", 1)
        .put("checkpointIntervalMillis", CHECKPOINT_MILLIS);
    // every destination here involves S3 (the HTTP endpoint's backup bucket too); Firehose's buckets
    // are in the delivery stream's region, so that is the S3 client's region
    ObjectNode options = spec.putObject("options").put(S3_REGION, arns.region());
    if (s3 != null && s3.isObject()) {
      s3(spec, s3);
    } else if (http != null && http.isObject()) {
      http(spec, options, http);
    } else {
      throw GatewayException.invalidArgument("delivery stream '" + name + "' names no supported destination;"
          + " supported: ExtendedS3DestinationConfiguration, S3DestinationConfiguration and"
          + " HttpEndpointDestinationConfiguration");
    }
    return new Create(name, CreateDeliveryStreamRequest.newBuilder().setSpecJson(spec.toString()).build());
  }

  /**
   * An HTTP endpoint: Firehose's request format, access key and common attributes as its headers,
   * and records that cannot be delivered in the S3 backup bucket (Firehose's FailedDataOnly).
   */
  private static void http(ObjectNode spec, ObjectNode options, JsonNode http) {
    String url = text(http.path("EndpointConfiguration"), "Url");
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw GatewayException.invalidArgument("EndpointConfiguration.Url '" + url + "' is not an http(s) URL");
    }
    spec.put("destination", url);
    if (http.path("EndpointConfiguration").path("AccessKey").isTextual()) {
      options.put(HEADER + "X-Amz-Firehose-Access-Key", http.path("EndpointConfiguration").path("AccessKey").asText());
    }
    JsonNode request = http.path("RequestConfiguration");
    String encoding = request.path("ContentEncoding").asText("NONE");
    if (!encoding.equals("NONE")) {
      throw GatewayException.invalidArgument("ContentEncoding " + encoding + " is not supported for HTTP endpoints;"
          + " use NONE (request bodies are sent uncompressed)");
    }
    if (request.path("CommonAttributes").size() > 0) {
      ObjectNode attributes = Codec.object();
      ObjectNode common = attributes.putObject("commonAttributes");
      request.path("CommonAttributes").forEach(a -> common.put(text(a, "AttributeName"), text(a, "AttributeValue")));
      options.put(HEADER + "X-Amz-Firehose-Common-Attributes", attributes.toString());
    }
    String backup = http.path("S3BackupMode").asText("FailedDataOnly");
    if (!backup.equals("FailedDataOnly")) {
      throw GatewayException.invalidArgument("S3BackupMode " + backup + " is not supported; use FailedDataOnly");
    }
    JsonNode s3 = http.path("S3Configuration");
    if (!s3.isObject()) {
      throw GatewayException.invalidArgument("HttpEndpointDestinationConfiguration needs S3Configuration, the bucket"
          + " that keeps records the endpoint did not accept; set it");
    }
    spec.put("errorDestination", "s3://" + bucket(text(s3, "BucketARN")) + "/");
    if (s3.path("ErrorOutputPrefix").isTextual()) {
      spec.put("errorPrefix", s3.path("ErrorOutputPrefix").textValue());
    }
    hints(spec, http.path("BufferingHints"));
    spec.put("compression", "NONE");
    if (http.path("RetryOptions").path("DurationInSeconds").isIntegralNumber()) {
      spec.put("retryDurationMillis", http.path("RetryOptions").path("DurationInSeconds").asLong() * 1000);
    }
  }

  private static void s3(ObjectNode spec, JsonNode s3) {
    spec.put("destination", "s3://" + bucket(text(s3, "BucketARN")) + "/");
    if (s3.path("Prefix").isTextual()) {
      spec.put("prefix", s3.path("Prefix").textValue());
    }
    if (s3.path("ErrorOutputPrefix").isTextual()) {
      spec.put("errorPrefix", s3.path("ErrorOutputPrefix").textValue());
    }
    hints(spec, s3.path("BufferingHints"));
    spec.put("compression", compression(s3.path("CompressionFormat").asText("UNCOMPRESSED")));
  }

  private static String bucket(String bucketArn) {
    if (!bucketArn.startsWith(BUCKET_ARN) || bucketArn.length() == BUCKET_ARN.length()) {
      throw GatewayException.invalidArgument("BucketARN '" + bucketArn + "' is not an S3 bucket ARN; use "
          + BUCKET_ARN + "BUCKET");
    }
    return bucketArn.substring(BUCKET_ARN.length());
  }

  /** Firehose's buffering hints with its defaults (5 MiB, 300 s). */
  private static void hints(ObjectNode spec, JsonNode hints) {
    spec.put("bufferSizeBytes", hints.path("SizeInMBs").asLong(5) * MIB);
    spec.put("bufferIntervalMillis", hints.path("IntervalInSeconds").asLong(300) * 1000);
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
