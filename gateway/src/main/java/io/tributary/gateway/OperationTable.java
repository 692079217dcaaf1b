package io.tributary.gateway;

import io.tributary.gateway.wire.GatewayException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operations the gateway serves, keyed by the full {@code X-Amz-Target} value
 * ({@code Kinesis_20131202.PutRecord}, {@code Firehose_20150804.PutRecordBatch}). Immutable once built.
 */
public final class OperationTable {
  public static final String KINESIS_PREFIX = "Kinesis_20131202";
  public static final String FIREHOSE_PREFIX = "Firehose_20150804";

  private final Map<String, Operation> operations;

  private OperationTable(Map<String, Operation> operations) {
    this.operations = Map.copyOf(operations);
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
          + new TreeMap<>(operations).keySet());
    }
    return operation;
  }

  /** Collects operations. Confined to the building thread. */
  public static final class Builder {
    private final Map<String, Operation> operations = new TreeMap<>();

    public Builder kinesis(String name, Operation operation) {
      return add(KINESIS_PREFIX + "." + name, operation);
    }

    public Builder firehose(String name, Operation operation) {
      return add(FIREHOSE_PREFIX + "." + name, operation);
    }

    private Builder add(String target, Operation operation) {
      if (operations.putIfAbsent(target, operation) != null) {
        throw new IllegalArgumentException("operation " + target + " is registered twice");
      }
      return this;
    }

    public OperationTable build() {
      return new OperationTable(operations);
    }
  }
}
