package io.tributary.worker.exchange;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.DataExchangeGrpc;
import io.tributary.proto.v1.ExchangeBuffer;
import io.tributary.proto.v1.ExchangeRequest;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The DataExchange service: each stream is served by one {@link SubpartitionSender}. Thread-safe.
 * Only translates between the wire and the partitions, as every service class here does.
 */
final class ExchangeService extends DataExchangeGrpc.DataExchangeImplBase {
  private final PartitionRegistry registry;
  private final CodecRegistry codecs;
  private final Executor sendExecutor;
  private final Duration connectTimeout;

  ExchangeService(PartitionRegistry registry, CodecRegistry codecs, Executor sendExecutor, Duration connectTimeout) {
    this.registry = registry;
    this.codecs = codecs;
    this.sendExecutor = sendExecutor;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public StreamObserver<ExchangeRequest> exchange(StreamObserver<ExchangeBuffer> responses) {
    return new SubpartitionSender(
        (ServerCallStreamObserver<ExchangeBuffer>) responses, registry, codecs, sendExecutor, connectTimeout);
  }
}
