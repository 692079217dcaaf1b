package io.tributary.worker.exchange;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.DataExchangeGrpc;
import io.tributary.proto.v1.ExchangeBuffer;
import io.tributary.proto.v1.ExchangeOpen;
import io.tributary.proto.v1.ExchangeRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a subpartition of a producer on another worker over one {@code DataExchange.Exchange}
 * stream: grants {@code credits} batches up front and one more per recycled batch, so at most
 * {@code credits} undelivered batches ever wait here. Thread-safe as {@link InputChannel} describes;
 * gRPC callbacks arrive on the channel's executor.
 */
final class RemoteInputChannel implements InputChannel, ClientResponseObserver<ExchangeRequest, ExchangeBuffer> {
  private static final ExchangeRequest ONE_CREDIT = ExchangeRequest.newBuilder().setCredit(1).build();

  private final int index;
  private final ChannelSpec spec;
  private final ManagedChannel connection;
  private final ElementCodec codec;
  private final int credits;
  private final Duration connectTimeout;
  private final ScheduledExecutorService timer;
  private final ChannelListener listener;
  private final ArrayDeque<ElementBatch> received;
  private final Object sendLock = new Object();
  private ClientCallStreamObserver<ExchangeRequest> call;
  private volatile boolean anyReceived;
  private volatile boolean endReceived;
  private volatile boolean closed;

  RemoteInputChannel(int index, ChannelSpec spec, ManagedChannel connection, ElementCodec codec, ExchangeSettings settings,
      ScheduledExecutorService timer, ChannelListener listener) {
    this.index = index;
    this.spec = spec;
    this.connection = connection;
    this.codec = codec;
    this.credits = settings.credits();
    this.connectTimeout = settings.connectTimeout();
    this.timer = timer;
    this.listener = listener;
    this.received = new ArrayDeque<>(credits);
  }

  @Override
  public void start() {
    ExchangeOpen open = ExchangeOpen.newBuilder()
        .setProducer(spec.producer().toProto())
        .setOutputEdge(spec.outputIndex())
        .setConsumerSubtask(spec.consumerSubtask())
        .setInitialCredit(credits)
        .build();
    synchronized (sendLock) {
      // waitForReady: a producer worker that is still starting is waited for, bounded by the check below.
      DataExchangeGrpc.newStub(connection).withWaitForReady().exchange(this);
      call.onNext(ExchangeRequest.newBuilder().setOpen(open).build());
    }
    timer.schedule(this::checkConnected, connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void checkConnected() {
    // READY means the open reached the producer's worker, which bounds its own wait for the partition.
    if (!anyReceived && !closed && connection.getState(false) != ConnectivityState.READY) {
      fail(new ExchangeException("cannot reach producer " + describe() + " within " + connectTimeout.toMillis()
          + " ms; check that the worker runs and its address is reachable"), null);
    }
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ExchangeRequest> requestStream) {
    this.call = requestStream;
  }

  @Override
  public void onNext(ExchangeBuffer buffer) {
    anyReceived = true;
    ElementBatch batch;
    try {
      batch = codec.decode(buffer.getData().toByteArray());
    } catch (ExchangeException e) {
      fail(new ExchangeException("from producer " + describe() + ": " + e.getMessage(), e), e);
      return;
    }
    boolean wasEmpty;
    synchronized (received) {
      wasEmpty = received.isEmpty();
      received.addLast(batch);
    }
    if (batch.endsPartition()) {
      endReceived = true;
    }
    if (wasEmpty) {
      listener.channelHasData(index);
    }
  }

  @Override
  public void onError(Throwable t) {
    if (!closed && !endReceived) {
      listener.channelFailed(index, new ExchangeException("exchange with producer " + describe() + " failed: "
          + GrpcErrors.fromGrpc(t).getMessage(), t));
    }
  }

  @Override
  public void onCompleted() {
    if (!closed && !endReceived) {
      listener.channelFailed(index, new ExchangeException("producer " + describe()
          + " ended the exchange before its end of partition"));
    }
  }

  @Override
  public ElementBatch pollNext() {
    synchronized (received) {
      return received.pollFirst();
    }
  }

  @Override
  public boolean hasData() {
    synchronized (received) {
      return !received.isEmpty();
    }
  }

  @Override
  public void recycle() {
    if (endReceived) {
      return;
    }
    synchronized (sendLock) {
      if (!closed) {
        call.onNext(ONE_CREDIT);
      }
    }
  }

  @Override
  public void close() {
    synchronized (sendLock) {
      if (!closed) {
        closed = true;
        call.cancel("consumer closed its input", null);
      }
    }
  }

  private void fail(ExchangeException error, Throwable cause) {
    listener.channelFailed(index, error);
    synchronized (sendLock) {
      if (!closed) {
        closed = true;
        call.cancel(error.getMessage(), cause);
      }
    }
  }

  private String describe() {
    return spec.producer() + " output " + spec.outputIndex() + " at " + spec.producerAddress();
  }
}
