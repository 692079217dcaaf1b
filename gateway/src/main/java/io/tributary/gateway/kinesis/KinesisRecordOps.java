package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.GetRecordsResult;
import io.tributary.client.PutRecord;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardIterator;
import io.tributary.common.stream.ShardIterators;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.AwsErrors;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.Acks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kinesis record operations (PutRecord, PutRecords, GetShardIterator, GetRecords) over the Java
 * client. Thread-safe; operations block on the brokers.
 *
 * <p>Every write is one {@code putRecords} attempt, so throttling reaches the caller as
 * ProvisionedThroughputExceededException and the SDK's own backoff decides when to retry.
 */
public final class KinesisRecordOps {
  private static final int MAX_BATCH = 500;
  private static final int MAX_GET_LIMIT = 10_000;
  private static final String THROTTLED = "ProvisionedThroughputExceededException";

  private final TributaryClient client;
  private final Arns arns;
  private final StreamUids uids;
  private final ShardPositions positions;

  public KinesisRecordOps(TributaryClient client, Arns arns, StreamUids uids) {
    this.client = client;
    this.arns = arns;
    this.uids = uids;
    this.positions = new ShardPositions(client, arns, uids);
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("PutRecord", this::putRecord)
        .kinesis("PutRecords", this::putRecords)
        .kinesis("GetShardIterator", positions::getShardIterator)
        .kinesis("GetRecords", this::getRecords);
  }

  ObjectNode putRecord(OperationInput in) {
    String stream = stream(in);
    PutRecord record = record(in.body(), 0);
    PutResult result = client.putRecords(stream, List.of(record), Acks.ACKS_ALL).get(0);
    if (!result.succeeded()) {
      throw error(result);
    }
    ObjectNode out = Codec.object();
    out.put("ShardId", result.shardId());
    out.put("SequenceNumber", sequence(stream, result));
    out.put("EncryptionType", "NONE");
    return out;
  }

  ObjectNode putRecords(OperationInput in) {
    String stream = stream(in);
    JsonNode array = in.body().path("Records");
    if (!array.isArray() || array.isEmpty() || array.size() > MAX_BATCH) {
      throw GatewayException.invalidArgument("Records must hold 1 to " + MAX_BATCH + " records, got "
          + (array.isArray() ? array.size() : "none") + "; split larger batches");
    }
    List<PutRecord> records = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      records.add(record(array.get(i), i));
    }
    List<PutResult> results = client.putRecords(stream, records, Acks.ACKS_ALL);
    ObjectNode out = Codec.object();
    ArrayNode entries = out.putArray("Records");
    int failed = 0;
    for (PutResult result : results) {
      ObjectNode entry = entries.addObject();
      if (result.succeeded()) {
        entry.put("SequenceNumber", sequence(stream, result));
        entry.put("ShardId", result.shardId());
      } else {
        failed++;
        GatewayException e = error(result);
        entry.put("ErrorCode", THROTTLED.equals(e.type()) ? THROTTLED : "InternalFailure");
        entry.put("ErrorMessage", e.getMessage());
      }
    }
    out.put("FailedRecordCount", failed);
    out.put("EncryptionType", "NONE");
    return out;
  }

  ObjectNode getRecords(OperationInput in) {
    String iterator = in.requiredString("ShardIterator");
    int limit = in.optionalInt("Limit", 1, MAX_GET_LIMIT).orElse(MAX_GET_LIMIT);
    ShardIterator peek = ShardIterators.parse(iterator); // which shard to ask; its age is the broker's to judge
    GetRecordsResult result = client.getRecords(peek.stream(), peek.shardId(), iterator, limit);
    int shardIndex = ShardIds.index(peek.shardId());
    ObjectNode out = Codec.object();
    ShardJson.records(out, result.records(), shardIndex, peek.streamUid());
    if (result.nextShardIterator() != null) {
      out.put("NextShardIterator", result.nextShardIterator());
    }
    out.put("MillisBehindLatest", result.millisBehindLatest());
    if (!result.childShards().isEmpty()) {
      ShardJson.childShards(out, result.childShards());
    }
    return out;
  }

  private String stream(OperationInput in) {
    return arns.streamName(in.optionalString("StreamName").orElse(null), in.optionalString("StreamARN").orElse(null));
  }

  private String sequence(String stream, PutResult result) {
    return SequenceNumbers.encode(result.sequenceNumber(), ShardIds.index(result.shardId()), uids.uid(stream));
  }

  private static PutRecord record(JsonNode node, int index) {
    JsonNode key = node.path("PartitionKey");
    JsonNode data = node.path("Data");
    if (!key.isTextual() || data.isMissingNode() || data.isNull()) {
      throw GatewayException.invalidArgument("record " + index + " needs Data and PartitionKey; set both");
    }
    JsonNode hashKey = node.path("ExplicitHashKey");
    return new PutRecord(key.textValue(), bytes(data, index), hashKey.isTextual() ? hashKey.textValue() : null);
  }

  private static byte[] bytes(JsonNode data, int index) {
    try {
      byte[] bytes = data.binaryValue();
      if (bytes == null) {
        throw GatewayException.serialization("Data of record " + index + " is a " + data.getNodeType()
            + "; send the bytes as a blob");
      }
      return bytes;
    } catch (IOException e) {
      throw GatewayException.serialization("Data of record " + index + " is not base64 (" + e.getMessage()
          + "); send the bytes base64-encoded");
    }
  }

  /** The AWS error of a failed record; throttling keeps its Kinesis message form. */
  private static GatewayException error(PutResult result) {
    if (result.error() == ErrorCode.THROUGHPUT_EXCEEDED) {
      return new GatewayException(THROTTLED, 400, "Rate exceeded for shard " + result.shardId() + " ("
          + result.errorMessage() + "); retry with backoff or add shards");
    }
    return AwsErrors.fromNative(new TributaryException(result.error(), result.errorMessage()));
  }
}
