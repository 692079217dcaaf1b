package io.tributary.coordinator;

import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeleteStreamRequest;
import io.tributary.proto.v1.DeleteStreamResponse;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.DeregisterConsumerResponse;
import io.tributary.proto.v1.ListConsumersRequest;
import io.tributary.proto.v1.ListConsumersResponse;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.UpdateShardCountRequest;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.ListStreamsResponse;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.UpdateRetentionRequest;
import io.tributary.proto.v1.UpdateStreamTagsRequest;

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
  private final ReshardCommands reshards;
  private final ConsumerCommands consumers;

  StreamAdminService(StreamRules rules, StreamCommands commands, StreamDescriber describer, ReshardCommands reshards,
      ConsumerCommands consumers) {
    this.rules = rules;
    this.commands = commands;
    this.describer = describer;
    this.reshards = reshards;
    this.consumers = consumers;
  }

  @Override
  public void createStream(CreateStreamRequest request, StreamObserver<StreamDescription> response) {
    String mode = request.getMode() == StreamMode.UNRECOGNIZED ? String.valueOf(request.getModeValue())
        : request.getMode().name();
    StreamSpec spec = rules.create(request.getName(), request.getShardCount(), request.getRetentionHours(),
        request.getReplicationFactor(), mode, request.getMinShards(), request.getMaxShards());
    StreamSnapshot created = commands.create(spec, TagRules.forCreate(spec.name(), request.getTagsMap()));
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

  @Override
  public void updateStreamTags(UpdateStreamTagsRequest request, StreamObserver<StreamDescription> response) {
    String name = StreamRules.name(request.getStream());
    TagRules.checkChange(request.getPutMap(), request.getRemoveList());
    StreamSnapshot updated = commands.updateTags(name, request.getPutMap(), request.getRemoveList());
    reply(response, ProtoConversions.description(describer.describe(updated, false)));
  }

  @Override
  public void splitShard(SplitShardRequest request, StreamObserver<StreamDescription> response) {
    String name = StreamRules.name(request.getStream());
    StreamSnapshot changed = reshards.split(name, StreamRules.shardId(request.getShardId()),
        StreamRules.splitKey(request.getNewStartingHashKey()), ReshardPlanner.Origin.OPERATOR);
    reply(response, ProtoConversions.description(describer.describe(changed, false)));
  }

  @Override
  public void mergeShards(MergeShardsRequest request, StreamObserver<StreamDescription> response) {
    String name = StreamRules.name(request.getStream());
    StreamSnapshot changed = reshards.merge(name, StreamRules.shardId(request.getShardId()),
        StreamRules.shardId(request.getAdjacentShardId()), ReshardPlanner.Origin.OPERATOR);
    reply(response, ProtoConversions.description(describer.describe(changed, false)));
  }

  @Override
  public void updateShardCount(UpdateShardCountRequest request, StreamObserver<StreamDescription> response) {
    String name = StreamRules.name(request.getStream());
    StreamSnapshot changed = reshards.scale(name, rules.targetShardCount(request.getTargetShardCount()),
        ReshardPlanner.Origin.OPERATOR);
    reply(response, ProtoConversions.description(describer.describe(changed, false)));
  }

  @Override
  public void registerConsumer(RegisterConsumerRequest request, StreamObserver<RegisteredConsumer> response) {
    ConsumerRecord created = consumers.register(StreamRules.name(request.getStream()),
        StreamRules.consumerName(request.getConsumerName()));
    reply(response, ProtoConversions.consumer(created));
  }

  @Override
  public void deregisterConsumer(DeregisterConsumerRequest request,
      StreamObserver<DeregisterConsumerResponse> response) {
    consumers.deregister(StreamRules.name(request.getStream()), StreamRules.consumerName(request.getConsumerName()));
    reply(response, DeregisterConsumerResponse.getDefaultInstance());
  }

  @Override
  public void listConsumers(ListConsumersRequest request, StreamObserver<ListConsumersResponse> response) {
    ListConsumersResponse.Builder out = ListConsumersResponse.newBuilder();
    for (ConsumerRecord consumer : consumers.list(StreamRules.name(request.getStream()))) {
      out.addConsumers(ProtoConversions.consumer(consumer));
    }
    reply(response, out.build());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
