package io.tributary.worker.exchange;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.ExchangeBuffer;
import io.tributary.proto.v1.ExchangeOpen;
import io.tributary.proto.v1.ExchangeRequest;
import io.tributary.worker.TaskKey;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one {@code Exchange} stream: sends the batches of one subpartition while the consumer has
 * credit and the transport is ready. Thread-safe: events from gRPC, the producer and the timer only
 * schedule a drain; drains run one at a time on the sending executor, which alone touches the
 * response stream.
 *
 * <p>Encoding happens on the sending executor, so gRPC's event loop never waits for Kryo and a
 * slow consumer holds at most its credit in flight, never an unbounded buffer.
 */
final class SubpartitionSender implements StreamObserver<ExchangeRequest>, SubpartitionConsumer {
  private final ServerCallStreamObserver<ExchangeBuffer> responses;
  private final PartitionRegistry registry;
  private final CodecRegistry codecs;
  private final Executor sendExecutor;
  private final Duration connectTimeout;
  private final AtomicInteger credit = new AtomicInteger();
  private final AtomicInteger pendingDrains = new AtomicInteger();
  private volatile PartitionKey key;
  private volatile ElementCodec codec;
  private volatile Subpartition subpartition;
  private volatile Throwable pendingError;
  private volatile boolean canceled;
  private boolean done;

  SubpartitionSender(ServerCallStreamObserver<ExchangeBuffer> responses, PartitionRegistry registry,
      CodecRegistry codecs, Executor sendExecutor, Duration connectTimeout) {
    this.responses = responses;
    this.registry = registry;
    this.codecs = codecs;
    this.sendExecutor = sendExecutor;
    this.connectTimeout = connectTimeout;
    responses.setOnReadyHandler(this::scheduleDrain);
    responses.setOnCancelHandler(this::onCanceled);
  }

  @Override
  public void onNext(ExchangeRequest request) {
    if (request.hasOpen()) {
      open(request.getOpen());
    } else {
      credit.addAndGet(request.getCredit());
      scheduleDrain();
    }
  }

  private void open(ExchangeOpen open) {
    if (key != null) {
      failLater(new TributaryException(ErrorCode.INVALID_ARGUMENT, "exchange for " + key
          + " was already opened; open each exchange stream once"));
      return;
    }
    key = new PartitionKey(TaskKey.of(open.getProducer()), open.getOutputEdge());
    try {
      codec = codecs.codecFor(key.producer().jobId());
    } catch (ExchangeException e) {
      failLater(new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, e.getMessage()));
      return;
    }
    credit.addAndGet(open.getInitialCredit());
    int consumerSubtask = open.getConsumerSubtask();
    registry.await(key, connectTimeout, (partition, error) -> attach(partition, error, consumerSubtask));
  }

  private void attach(ResultPartition partition, ExchangeException error, int consumerSubtask) {
    if (error != null) {
      failLater(new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, error.getMessage(), error));
      return;
    }
    try {
      Subpartition target = partition.subpartition(consumerSubtask);
      subpartition = target;
      target.attach(this);
      if (canceled) {
        target.detach(this);
      }
    } catch (ExchangeException e) {
      failLater(new TributaryException(ErrorCode.RESOURCE_IN_USE, e.getMessage(), e));
    }
  }

  @Override
  public void onError(Throwable t) {
    onCanceled();
  }

  @Override
  public void onCompleted() {
    // Consumers never half-close; they cancel. Nothing to do until then.
  }

  @Override
  public void dataAvailable() {
    scheduleDrain();
  }

  @Override
  public void released(ExchangeException reason) {
    failLater(new TributaryException(ErrorCode.UNAVAILABLE, reason.getMessage(), reason));
  }

  private void onCanceled() {
    canceled = true;
    Subpartition source = subpartition;
    if (source != null) {
      source.detach(this);
    }
  }

  private void failLater(Throwable error) {
    pendingError = error;
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (pendingDrains.getAndIncrement() == 0) {
      try {
        sendExecutor.execute(this::drainLoop);
      } catch (RejectedExecutionException e) {
        // The environment closed: it already failed this stream, and gRPC cancels what remains.
        canceled = true;
      }
    }
  }

  private void drainLoop() {
    int missed = 1;
    do {
      drain();
      missed = pendingDrains.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drain() {
    if (done || canceled) {
      return;
    }
    if (pendingError != null) {
      finish();
      responses.onError(GrpcErrors.toStatus(pendingError));
      return;
    }
    Subpartition source = subpartition;
    while (source != null && credit.get() > 0 && responses.isReady()) {
      ElementBatch batch = source.poll();
      if (batch == null) {
        return;
      }
      if (!send(batch)) {
        return;
      }
      credit.decrementAndGet();
      if (batch.endsPartition()) {
        finish();
        responses.onCompleted();
        return;
      }
    }
  }

  private boolean send(ElementBatch batch) {
    byte[] bytes;
    try {
      bytes = codec.encode(batch);
    } catch (ExchangeException e) {
      finish();
      responses.onError(GrpcErrors.toStatus(new TributaryException(ErrorCode.INTERNAL, "producer " + key + ": "
          + e.getMessage(), e)));
      return false;
    }
    responses.onNext(
        ExchangeBuffer.newBuilder().setData(UnsafeByteOperations.unsafeWrap(bytes)).setElements(batch.size()).build());
    return true;
  }

  private void finish() {
    done = true;
    Subpartition source = subpartition;
    if (source != null) {
      source.detach(this);
    }
  }
}
