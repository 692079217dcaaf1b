package io.tributary.gateway.firehose;

import io.grpc.ManagedChannel;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryAdminGrpc.DeliveryAdminBlockingStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls the coordinators' DeliveryAdmin service: reads from the first coordinator that answers,
 * changes to the leader the cluster status names (following one NotLeader redirect). Thread-safe.
 *
 * <p>Each call opens and closes its own channel: delivery-stream administration is rare next to
 * record traffic, and no channel outlives the request that needed it. A change is never re-sent.
 */
final class DeliveryAdminCalls {
  private final TributaryClient cluster;
  private final List<String> coordinators;
  private final Duration timeout;

  DeliveryAdminCalls(TributaryClient cluster, List<String> coordinators, Duration timeout) {
    this.cluster = cluster;
    this.coordinators = List.copyOf(coordinators);
    this.timeout = timeout;
  }

  /** A read ({@code what} names it in errors) from any coordinator that answers. */
  <T> T read(String what, Function<DeliveryAdminBlockingStub, T> rpc) {
    TributaryException last = null;
    for (String address : coordinators) {
      try {
        return call(address, rpc);
      } catch (TributaryException e) {
        if (e.code() != ErrorCode.UNAVAILABLE) {
          throw e;
        }
        last = e;
      }
    }
    throw new TributaryException(ErrorCode.UNAVAILABLE, "no coordinator answered to " + what + " (tried "
        + String.join(", ", coordinators) + "; last error " + last.describe() + "); retry when one runs", last);
  }

  /** A change sent to the leading coordinator. */
  <T> T change(String what, Function<DeliveryAdminBlockingStub, T> rpc) {
    String leader = leader(what);
    try {
      return call(leader, rpc);
    } catch (TributaryException e) {
      String moved = e.leaderAddress().orElse(leader);
      if (e.code() != ErrorCode.NOT_LEADER || moved.equals(leader)) {
        throw e;
      }
      return call(moved, rpc);
    }
  }

  private String leader(String what) {
    for (CoordinatorInfo c : cluster.clusterStatus().getCoordinatorsList()) {
      if (c.getLeader()) {
        return c.getAddress();
      }
    }
    throw Errors.unavailable("no coordinator leads now, so nobody can " + what + "; retry after the election");
  }

  private <T> T call(String address, Function<DeliveryAdminBlockingStub, T> rpc) {
    ManagedChannel channel = GrpcChannels.forAddress(address);
    try {
      return rpc.apply(DeliveryAdminGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RuntimeException e) {
      throw GrpcErrors.fromGrpc(e);
    } finally {
      GrpcChannels.close(channel);
    }
  }
}
