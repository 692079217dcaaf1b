package io.tributary.gateway.firehose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.gateway.wire.Codec;
import io.tributary.proto.v1.DeliveryStreamDescription;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a native delivery stream description as Firehose's {@code DeliveryStreamDescription}.
 * Thread-safe (stateless).
 *
 * <p>Job states have no Firehose twin: a stream whose job runs, waits or restarts is ACTIVE (it
 * accepts records); why a job failed travels in {@code FailureDescription}.
 */
final class DeliveryDescriptions {
  static final String DESTINATION_ID = "destinationId-000000000001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PASSED_THROUGH = Set.of("CREATING", "DELETING");
  private static final long MIB = 1024L * 1024L;

  private DeliveryDescriptions() {}

  static ObjectNode describe(DeliveryStreamDescription d, FirehoseArns arns) {
    ObjectNode out = Codec.object();
    out.put("DeliveryStreamName", d.getName());
    out.put("DeliveryStreamARN", arns.deliveryStream(d.getName()));
    out.put("DeliveryStreamStatus", PASSED_THROUGH.contains(d.getStatus()) ? d.getStatus() : "ACTIVE");
    out.put("DeliveryStreamType", d.getDirectPut() ? "DirectPut" : "KinesisStreamAsSource");
    out.put("VersionId", "1");
    out.set("CreateTimestamp", Codec.timestamp(Instant.ofEpochMilli(d.getCreatedMs())));
    if (!d.getDirectPut()) {
      out.putObject("Source").putObject("KinesisStreamSourceDescription")
          .put("KinesisStreamARN", arns.stream(d.getSourceStream()));
    }
    if (!d.getFailure().isEmpty()) {
      out.putObject("FailureDescription").put("Type", "UNKNOWN_ERROR").put("Details", d.getFailure());
    }
    ObjectNode destination = out.putArray("Destinations").addObject().put("DestinationId", DESTINATION_ID);
    destination(destination, spec(d.getSpecJson()));
    out.put("HasMoreDestinations", false);
    return out;
  }

  private static void destination(ObjectNode out, JsonNode spec) {
    String uri = spec.path("destination").asText("");
    ObjectNode hints = Codec.object()
        .put("SizeInMBs", Math.max(1, spec.path("bufferSizeBytes").asLong() / MIB))
        .put("IntervalInSeconds", spec.path("bufferIntervalMillis").asLong() / 1000);
    if (uri.startsWith("s3://")) {
      String path = uri.substring("s3://".length());
      int slash = path.indexOf('/');
      ObjectNode s3 = out.putObject("ExtendedS3DestinationDescription");
      s3.put("BucketARN", "arn:aws:s3:::" + (slash < 0 ? path : path.substring(0, slash)));
      s3.put("Prefix", spec.path("prefix").asText(""));
      s3.put("ErrorOutputPrefix", spec.path("errorPrefix").asText(""));
      s3.set("BufferingHints", hints);
      s3.put("CompressionFormat", compression(spec.path("compression").asText("none")));
      s3.putObject("EncryptionConfiguration").put("NoEncryptionConfig", "NoEncryption");
    } else if (uri.startsWith("http://") || uri.startsWith("https://")) {
      ObjectNode http = out.putObject("HttpEndpointDestinationDescription");
      http.putObject("EndpointConfiguration").put("Url", uri);
      http.set("BufferingHints", hints);
    }
  }

  private static String compression(String nativeName) {
    return switch (nativeName.toLowerCase(Locale.ROOT)) {
      case "gzip" -> "GZIP";
      case "snappy" -> "Snappy";
      case "none" -> "UNCOMPRESSED";
      default -> nativeName.toUpperCase(Locale.ROOT);
    };
  }

  private static JsonNode spec(String json) {
    try {
      return json.isEmpty() ? Codec.object() : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the coordinator sent a delivery spec that is not JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
