package io.tributary.gateway;

import io.tributary.gateway.wire.GatewayException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operations the gateway serves, keyed by the full {@code X-Amz-Target} value
 * ({@code Kinesis_20131202.PutRecord}, {@code Firehose_20150804.PutRecordBatch}). Immutable once built.
 */
public final class OperationTable {
  public static final String KINESIS_PREFIX = "Kinesis_20131202";
  public static final String FIREHOSE_PREFIX = "Firehose_20150804";

  private final Map<String, Operation> operations;
  private final Map<String, EventStreamOperation> streaming;

  private OperationTable(Map<String, Operation> operations, Map<String, EventStreamOperation> streaming) {
    this.operations = Map.copyOf(operations);
    this.streaming = Map.copyOf(streaming);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The operation of a target header.
   *
   * @throws GatewayException UnknownOperationException naming what is served
   */
  public Operation find(String target) {
    if (target == null || target.isBlank()) {
      throw GatewayException.unknownOperation("the request has no X-Amz-Target header; send "
          + KINESIS_PREFIX + ".<Operation> or " + FIREHOSE_PREFIX + ".<Operation>");
    }
    Operation operation = operations.get(target.trim());
    if (operation == null) {
      throw GatewayException.unknownOperation("operation '" + target + "' is not served here; served: "
          + served());
    }
    return operation;
  }

  /** The streaming operation of a target header, or null when the target is not one. */
  public EventStreamOperation findStreaming(String target) {
    return target == null ? null : streaming.get(target.trim());
  }

  private Set<String> served() {
    Set<String> all = new TreeSet<>(operations.keySet());
    all.addAll(streaming.keySet());
    return all;
  }

  /** Collects operations. Confined to the building thread. */
  public static final class Builder {
    private final Map<String, Operation> operations = new TreeMap<>();
    private final Map<String, EventStreamOperation> streaming = new TreeMap<>();

    public Builder kinesis(String name, Operation operation) {
      return add(KINESIS_PREFIX + "." + name, operation);
    }

    public Builder firehose(String name, Operation operation) {
      return add(FIREHOSE_PREFIX + "." + name, operation);
    }

    /** A Kinesis operation answered with an event stream. */
    public Builder kinesisStreaming(String name, EventStreamOperation operation) {
      String target = KINESIS_PREFIX + "." + name;
      checkNew(target);
      streaming.put(target, operation);
      return this;
    }

    private Builder add(String target, Operation operation) {
      checkNew(target);
      operations.put(target, operation);
      return this;
    }

    private void checkNew(String target) {
      if (operations.containsKey(target) || streaming.containsKey(target)) {
        throw new IllegalArgumentException("operation " + target + " is registered twice");
      }
    }

    public OperationTable build() {
      return new OperationTable(operations, streaming);
    }
  }
}
