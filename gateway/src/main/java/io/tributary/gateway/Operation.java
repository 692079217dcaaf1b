package io.tributary.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One API operation: a decoded request in, a response tree out. Runs on a gateway handler thread and
 * may block. Failures are {@link io.tributary.gateway.wire.GatewayException}s or native
 * {@link io.tributary.common.error.TributaryException}s.
 */
@FunctionalInterface
public interface Operation {
  ObjectNode handle(OperationInput input);
}
