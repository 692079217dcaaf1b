package io.tributary.coordinator;

import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeleteStreamRequest;
import io.tributary.proto.v1.DeleteStreamResponse;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.ListStreamsResponse;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.UpdateRetentionRequest;

/**
 * The StreamAdmin gRPC service: translates requests to {@link StreamRules}, {@link StreamCommands}
 * and {@link StreamDescriber}, and their results back. Thread-safe.
 *
 * <p>Errors are thrown as TributaryException; the server's interceptor turns them into statuses.
 */
final class StreamAdminService extends StreamAdminGrpc.StreamAdminImplBase {
  private final StreamRules rules;
  private final StreamCommands commands;
  private final StreamDescriber describer;

  StreamAdminService(StreamRules rules, StreamCommands commands, StreamDescriber describer) {
    this.rules = rules;
    this.commands = commands;
    this.describer = describer;
  }

  @Override
  public void createStream(CreateStreamRequest request, StreamObserver<StreamDescription> response) {
    String mode = request.getMode() == StreamMode.UNRECOGNIZED ? String.valueOf(request.getModeValue())
        : request.getMode().name();
    StreamSpec spec = rules.create(request.getName(), request.getShardCount(), request.getRetentionHours(),
        request.getReplicationFactor(), mode);
    StreamSnapshot created = commands.create(spec);
    reply(response, ProtoConversions.description(describer.describe(created, false)));
  }

  @Override
  public void deleteStream(DeleteStreamRequest request, StreamObserver<DeleteStreamResponse> response) {
    commands.delete(StreamRules.name(request.getName()));
    reply(response, DeleteStreamResponse.getDefaultInstance());
  }

  @Override
  public void listStreams(ListStreamsRequest request, StreamObserver<ListStreamsResponse> response) {
    ListStreamsResponse.Builder out = ListStreamsResponse.newBuilder();
    for (StreamSnapshot stream : describer.list()) {
      out.addStreams(ProtoConversions.summary(stream));
    }
    reply(response, out.build());
  }

  @Override
  public void describeStream(DescribeStreamRequest request, StreamObserver<StreamDescription> response) {
    DescribedStream described =
        describer.describe(StreamRules.name(request.getName()), request.getIncludeSequenceRanges());
    reply(response, ProtoConversions.description(described));
  }

  @Override
  public void updateRetention(UpdateRetentionRequest request, StreamObserver<StreamDescription> response) {
    String name = StreamRules.name(request.getName());
    StreamSnapshot updated = commands.updateRetention(name, rules.retention(request.getRetentionHours()));
    reply(response, ProtoConversions.description(describer.describe(updated, false)));
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
