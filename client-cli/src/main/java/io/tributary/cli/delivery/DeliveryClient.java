package io.tributary.cli.delivery;

import io.tributary.cli.CoordinatorCalls;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryAdminGrpc.DeliveryAdminBlockingStub;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import java.time.Duration;
import java.util.List;

/**
 * Calls the coordinators' DeliveryAdmin service ({@link CoordinatorCalls}: reads from any
 * coordinator, changes to the leader). Confined to the command's thread.
 *
 * <p>A create is never re-sent after it may have reached a coordinator; the caller is told to look.
 */
final class DeliveryClient implements AutoCloseable {
  /** A create runs the job's main on the coordinator and probes the destination. */
  static final Duration CREATE_TIMEOUT = Duration.ofSeconds(120);

  private final CoordinatorCalls<DeliveryAdminBlockingStub> calls;

  DeliveryClient(TributaryClient cluster, ClientOptions options) {
    this.calls = new CoordinatorCalls<>(cluster, options, DeliveryAdminGrpc::newBlockingStub);
  }

  CreateDeliveryStreamResponse create(CreateDeliveryStreamRequest request, String name) {
    String leader = calls.leader("create delivery stream '" + name + "'");
    try {
      return calls.change(leader, CREATE_TIMEOUT, s -> s.createDeliveryStream(request));
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
    String leader = calls.leader("delete delivery stream '" + name + "'");
    calls.change(leader, CREATE_TIMEOUT, s -> s.deleteDeliveryStream(request));
  }

  DeliveryStreamDescription describe(String name) {
    DescribeDeliveryStreamRequest request = DescribeDeliveryStreamRequest.newBuilder().setName(name).build();
    return calls.read("describe delivery stream '" + name + "'", s -> s.describeDeliveryStream(request));
  }

  List<DeliveryStreamDescription> list() {
    return calls.read("list delivery streams",
        s -> s.listDeliveryStreams(ListDeliveryStreamsRequest.getDefaultInstance())).getDeliveryStreamsList();
  }

  @Override
  public void close() {
    calls.close();
  }
}
