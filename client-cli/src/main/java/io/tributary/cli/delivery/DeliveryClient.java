package io.tributary.cli.delivery;

import io.grpc.ManagedChannel;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryAdminGrpc.DeliveryAdminBlockingStub;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls the coordinators' DeliveryAdmin service: reads to the first coordinator that answers
 * (standbys answer them), changes to the leader the cluster status names, following NotLeader
 * redirects. Confined to the command's thread.
 *
 * <p>A create is never re-sent after it may have reached a coordinator; the caller is told to look.
 */
final class DeliveryClient implements AutoCloseable {
  /** A create runs the job's main on the coordinator and probes the destination. */
  static final Duration CREATE_TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_REDIRECTS = 5;
  private static final long BACKOFF_MILLIS = 200;

  private final TributaryClient cluster;
  private final List<String> addresses;
  private final Duration requestTimeout;
  private final Duration retryTimeout;
  private final Map<String, ManagedChannel> channels = new HashMap<>();

  DeliveryClient(TributaryClient cluster, ClientOptions options) {
    this.cluster = cluster;
    this.addresses = List.copyOf(options.coordinators());
    this.requestTimeout = options.requestTimeout();
    this.retryTimeout = options.retryTimeout();
  }

  CreateDeliveryStreamResponse create(CreateDeliveryStreamRequest request, String name) {
    try {
      return change("create delivery stream '" + name + "'", CREATE_TIMEOUT, s -> s.createDeliveryStream(request));
    } catch (TributaryException e) {
      if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.INTERNAL) {
        throw e;
      }
      throw new TributaryException(e.code(), e.getMessage() + "; the delivery stream may have been created"
          + " anyway: look for it with 'trib delivery list' before creating it again", e);
    }
  }

  void delete(String name) {
    DeleteDeliveryStreamRequest request = DeleteDeliveryStreamRequest.newBuilder().setName(name).build();
    change("delete delivery stream '" + name + "'", CREATE_TIMEOUT, s -> s.deleteDeliveryStream(request));
  }

  DeliveryStreamDescription describe(String name) {
    DescribeDeliveryStreamRequest request = DescribeDeliveryStreamRequest.newBuilder().setName(name).build();
    return read("describe delivery stream '" + name + "'", s -> s.describeDeliveryStream(request));
  }

  List<DeliveryStreamDescription> list() {
    return read("list delivery streams",
        s -> s.listDeliveryStreams(ListDeliveryStreamsRequest.getDefaultInstance())).getDeliveryStreamsList();
  }

  private <T> T read(String what, Function<DeliveryAdminBlockingStub, T> rpc) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    int next = 0;
    while (true) {
      String target = addresses.get(next % addresses.size());
      TributaryException failure;
      try {
        return rpc.apply(stub(target, requestTimeout));
      } catch (RuntimeException e) {
        failure = GrpcErrors.fromGrpc(e);
      }
      if (failure.code() != ErrorCode.UNAVAILABLE) {
        throw failure;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new TributaryException(ErrorCode.UNAVAILABLE, "no coordinator answered to " + what + " within "
            + retryTimeout.toSeconds() + "s (tried " + String.join(", ", addresses) + "; last error "
            + failure.describe() + "); check that a coordinator is running with 'trib cluster status'", failure);
      }
      next++;
      backOff();
    }
  }

  private <T> T change(String what, Duration timeout, Function<DeliveryAdminBlockingStub, T> rpc) {
    String target = leader(what);
    for (int redirects = 0; ; redirects++) {
      try {
        return rpc.apply(stub(target, timeout));
      } catch (RuntimeException e) {
        TributaryException failure = GrpcErrors.fromGrpc(e);
        boolean redirect = failure.code() == ErrorCode.NOT_LEADER && failure.leaderAddress().isPresent()
            && !failure.leaderAddress().get().equals(target);
        if (!redirect || redirects >= MAX_REDIRECTS) {
          throw failure;
        }
        target = failure.leaderAddress().orElseThrow();
      }
    }
  }

  /** The leading coordinator's address, waiting (bounded) while an election runs. */
  private String leader(String what) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    while (true) {
      for (CoordinatorInfo c : cluster.clusterStatus().getCoordinatorsList()) {
        if (c.getLeader()) {
          return c.getAddress();
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw Errors.unavailable("no coordinator leads, so nobody can " + what + " (waited "
            + retryTimeout.toSeconds() + "s); check the coordinators with 'trib cluster status'");
      }
      backOff();
    }
  }

  private DeliveryAdminBlockingStub stub(String address, Duration timeout) {
    ManagedChannel channel = channels.computeIfAbsent(address, GrpcChannels::forAddress);
    return DeliveryAdminGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void backOff() {
    try {
      Thread.sleep(BACKOFF_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for a coordinator");
    }
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
