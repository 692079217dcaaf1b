package io.tributary.gateway.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.PutRecord;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamNames;
import io.tributary.gateway.Operation;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Firehose operations: PutRecord and PutRecordBatch into a delivery stream's backing stream through
 * the Java client, and Create/Describe/List/DeleteDeliveryStream through the coordinators'
 * DeliveryAdmin service. Thread-safe; operations block on the cluster.
 *
 * <p>Writes are one {@code putRecords} attempt, so a throttled record reaches the caller as
 * ServiceUnavailableException and the SDK's backoff decides when to retry.
 */
public final class FirehoseOps {
  static final int MAX_BATCH = 500;
  static final int MAX_RECORD_BYTES = 1000 * 1024;
  static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
  private static final int MAX_LIST = 10_000;

  private final TributaryClient client;
  private final DeliveryAdminCalls admin;
  private final FirehoseArns arns;
  /** Spreads records without partition keys over the backing stream's shards. */
  private final AtomicLong keys = new AtomicLong();

  public FirehoseOps(TributaryClient client, List<String> coordinators, Duration timeout, Arns arns) {
    this.client = client;
    this.admin = new DeliveryAdminCalls(client, coordinators, timeout);
    this.arns = new FirehoseArns(arns);
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.firehose("PutRecord", mapped(this::putRecord))
        .firehose("PutRecordBatch", mapped(this::putRecordBatch))
        .firehose("CreateDeliveryStream", mapped(this::create))
        .firehose("DescribeDeliveryStream", mapped(this::describe))
        .firehose("ListDeliveryStreams", mapped(this::list))
        .firehose("DeleteDeliveryStream", mapped(this::delete));
  }

  private static Operation mapped(Operation operation) {
    return in -> {
      try {
        return operation.handle(in);
      } catch (TributaryException e) {
        throw FirehoseErrors.of(e);
      }
    };
  }

  ObjectNode putRecord(OperationInput in) {
    String name = in.requiredString("DeliveryStreamName");
    PutRecord record = record(in.object("Record"), 0);
    PutResult result = put(name, List.of(record)).get(0);
    if (!result.succeeded()) {
      throw FirehoseErrors.of(new TributaryException(result.error(), result.errorMessage()));
    }
    return Codec.object().put("RecordId", recordId(result)).put("Encrypted", false);
  }

  ObjectNode putRecordBatch(OperationInput in) {
    String name = in.requiredString("DeliveryStreamName");
    JsonNode array = in.body().path("Records");
    if (!array.isArray() || array.isEmpty() || array.size() > MAX_BATCH) {
      throw GatewayException.invalidArgument("Records must hold 1 to " + MAX_BATCH + " records, got "
          + (array.isArray() ? array.size() : "none") + "; split larger batches");
    }
    List<PutRecord> records = new ArrayList<>(array.size());
    long bytes = 0;
    for (int i = 0; i < array.size(); i++) {
      PutRecord record = record(array.get(i), i);
      bytes += record.data().length;
      records.add(record);
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw GatewayException.invalidArgument("the batch holds " + bytes + " bytes, more than " + MAX_BATCH_BYTES
          + " (4 MiB); split it");
    }
    List<PutResult> results = put(name, records);
    ObjectNode out = Codec.object();
    ArrayNode responses = out.putArray("RequestResponses");
    int failed = 0;
    for (PutResult result : results) {
      ObjectNode entry = responses.addObject();
      if (result.succeeded()) {
        entry.put("RecordId", recordId(result));
      } else {
        failed++;
        entry.put("ErrorCode", FirehoseErrors.UNAVAILABLE);
        entry.put("ErrorMessage", result.error().shortName() + ": " + result.errorMessage() + "; retry this record");
      }
    }
    out.put("FailedPutCount", failed);
    out.put("Encrypted", false);
    return out;
  }

  ObjectNode create(OperationInput in) {
    CreateRequests.Create create = CreateRequests.read(in, arns.arns());
    admin.change("create delivery stream '" + create.name() + "'",
        s -> s.createDeliveryStream(create.request()));
    return Codec.object().put("DeliveryStreamARN", arns.deliveryStream(create.name()));
  }

  ObjectNode describe(OperationInput in) {
    String name = in.requiredString("DeliveryStreamName");
    DescribeDeliveryStreamRequest request = DescribeDeliveryStreamRequest.newBuilder().setName(name).build();
    DeliveryStreamDescription d = admin.read("describe delivery stream '" + name + "'",
        s -> s.describeDeliveryStream(request));
    ObjectNode out = Codec.object();
    out.set("DeliveryStreamDescription", DeliveryDescriptions.describe(d, arns));
    return out;
  }

  ObjectNode list(OperationInput in) {
    int limit = in.optionalInt("Limit", 1, MAX_LIST).orElse(10);
    String type = in.optionalString("DeliveryStreamType").orElse(null);
    String after = in.optionalString("ExclusiveStartDeliveryStreamName").orElse("");
    List<String> names = admin.read("list delivery streams",
            s -> s.listDeliveryStreams(ListDeliveryStreamsRequest.getDefaultInstance()))
        .getDeliveryStreamsList().stream()
        .filter(d -> type == null || type.equals(d.getDirectPut() ? "DirectPut" : "KinesisStreamAsSource"))
        .map(DeliveryStreamDescription::getName)
        .filter(n -> n.compareTo(after) > 0)
        .sorted()
        .toList();
    ObjectNode out = Codec.object();
    ArrayNode page = out.putArray("DeliveryStreamNames");
    names.stream().limit(limit).forEach(page::add);
    out.put("HasMoreDeliveryStreams", names.size() > limit);
    return out;
  }

  ObjectNode delete(OperationInput in) {
    String name = in.requiredString("DeliveryStreamName");
    DeleteDeliveryStreamRequest request = DeleteDeliveryStreamRequest.newBuilder().setName(name).build();
    admin.change("delete delivery stream '" + name + "'", s -> s.deleteDeliveryStream(request));
    return Codec.object();
  }

  private List<PutResult> put(String deliveryStream, List<PutRecord> records) {
    try {
      return client.putRecords(StreamNames.deliveryBackingStream(deliveryStream), records, Acks.ACKS_ALL);
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        throw whyNoBackingStream(deliveryStream);
      }
      throw e;
    }
  }

  /**
   * Only a direct-put delivery stream has a backing stream, so a missing one means either no delivery
   * stream or one that reads a Kinesis stream, which Firehose refuses writes to. Asked only after a
   * miss, so writes that succeed cost no extra call.
   */
  private GatewayException whyNoBackingStream(String deliveryStream) {
    DescribeDeliveryStreamRequest request = DescribeDeliveryStreamRequest.newBuilder().setName(deliveryStream).build();
    DeliveryStreamDescription d;
    try {
      d = admin.read("describe delivery stream '" + deliveryStream + "'", s -> s.describeDeliveryStream(request));
    } catch (TributaryException e) {
      if (e.code() == ErrorCode.RESOURCE_NOT_FOUND) {
        return FirehoseErrors.notFound(deliveryStream);
      }
      throw e;
    }
    if (d.getDirectPut()) {
      return FirehoseErrors.notFound(deliveryStream);
    }
    return GatewayException.invalidArgument("This operation is not permitted on KinesisStreamAsSource delivery"
        + " stream type: delivery stream '" + deliveryStream + "' reads Kinesis stream '" + d.getSourceStream()
        + "'; write to the source stream '" + d.getSourceStream() + "' instead (PutRecord/PutRecords)");
  }

  private PutRecord record(JsonNode node, int index) {
    JsonNode data = node.path("Data");
    byte[] bytes;
    try {
      bytes = data.isMissingNode() || data.isNull() ? null : data.binaryValue();
    } catch (IOException e) {
      throw GatewayException.serialization("Data of record " + index + " is not base64 (" + e.getMessage()
          + "); send the bytes base64-encoded");
    }
    if (bytes == null) {
      throw GatewayException.invalidArgument("record " + index + " has no Data blob; set Data");
    }
    if (bytes.length > MAX_RECORD_BYTES) {
      throw GatewayException.invalidArgument("record " + index + " holds " + bytes.length + " bytes, more than "
          + MAX_RECORD_BYTES + " (1,000 KiB); split it");
    }
    return new PutRecord(Long.toString(keys.getAndIncrement()), bytes, null);
  }

  /** Stable for the record's life: its shard and native sequence number. */
  private static String recordId(PutResult result) {
    return result.shardId() + ":" + result.sequenceNumber();
  }
}
