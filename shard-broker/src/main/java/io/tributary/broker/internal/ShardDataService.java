package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.ShardIterator;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardIteratorRequest;
import io.tributary.proto.v1.GetShardIteratorResponse;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.GetShardStatsResponse;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.util.concurrent.CompletionException;

/**
 * The ShardData gRPC service: hands each call to the domain and its answer back. Thread-safe.
 * Failures are thrown as TributaryExceptions, which the server's interceptor turns into statuses;
 * writes answer when their future completes (acks=all waits for followers without holding a thread).
 */
final class ShardDataService extends ShardDataGrpc.ShardDataImplBase {
  private final Writes writes;
  private final Reads reads;
  private final Subscriptions subscriptions;

  ShardDataService(Writes writes, Reads reads, Subscriptions subscriptions) {
    this.writes = writes;
    this.reads = reads;
    this.subscriptions = subscriptions;
  }

  @Override
  public void putRecords(PutRecordsRequest request, StreamObserver<PutRecordsResponse> response) {
    writes.put(request).whenComplete((answer, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        response.onError(GrpcErrors.toStatus(cause));
      } else {
        response.onNext(answer);
        response.onCompleted();
      }
    });
  }

  @Override
  public void getShardIterator(GetShardIteratorRequest request, StreamObserver<GetShardIteratorResponse> response) {
    response.onNext(reads.shardIterator(request));
    response.onCompleted();
  }

  @Override
  public void getRecords(GetRecordsRequest request, StreamObserver<GetRecordsResponse> response) {
    response.onNext(reads.records(request));
    response.onCompleted();
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<SubscribeEvent> response) {
    subscriptions.subscribe(request, (ServerCallStreamObserver<SubscribeEvent>) response);
  }

  @Override
  public void getShardStats(GetShardStatsRequest request, StreamObserver<GetShardStatsResponse> response) {
    response.onNext(reads.stats(request));
    response.onCompleted();
  }
}
