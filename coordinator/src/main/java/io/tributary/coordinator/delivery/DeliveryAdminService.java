package io.tributary.coordinator.delivery;

import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeleteDeliveryStreamResponse;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import io.tributary.proto.v1.ListDeliveryStreamsResponse;
import java.util.List;

/**
 * The DeliveryAdmin gRPC service: translates requests to {@link DeliveryCommands} and
 * {@link DeliveryDescriber}, and their results back. Thread-safe.
 *
 * <p>Changes need the leader (NotLeader otherwise); a standby answers reads from ZooKeeper.
 */
public final class DeliveryAdminService extends DeliveryAdminGrpc.DeliveryAdminImplBase {
  private final DeliveryCommands commands;
  private final DeliveryDescriber describer;

  public DeliveryAdminService(DeliveryCommands commands, DeliveryDescriber describer) {
    this.commands = commands;
    this.describer = describer;
  }

  @Override
  public void createDeliveryStream(CreateDeliveryStreamRequest request,
      StreamObserver<CreateDeliveryStreamResponse> response) {
    DeliveryCommands.Creation creation = commands.validate(request.getSpecJson(),
        request.getTransformJar().toByteArray(), request.getShardCount());
    List<String> warnings = commands.create(creation);
    reply(response, CreateDeliveryStreamResponse.newBuilder()
        .setDescription(describer.describe(creation.spec().name()))
        .addAllWarnings(warnings)
        .build());
  }

  @Override
  public void describeDeliveryStream(DescribeDeliveryStreamRequest request,
      StreamObserver<DeliveryStreamDescription> response) {
    reply(response, describer.describe(DeliveryNames.validate(request.getName())));
  }

  @Override
  public void listDeliveryStreams(ListDeliveryStreamsRequest request,
      StreamObserver<ListDeliveryStreamsResponse> response) {
    reply(response, ListDeliveryStreamsResponse.newBuilder().addAllDeliveryStreams(describer.list()).build());
  }

  @Override
  public void deleteDeliveryStream(DeleteDeliveryStreamRequest request,
      StreamObserver<DeleteDeliveryStreamResponse> response) {
    commands.delete(DeliveryNames.validate(request.getName()));
    reply(response, DeleteDeliveryStreamResponse.getDefaultInstance());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
