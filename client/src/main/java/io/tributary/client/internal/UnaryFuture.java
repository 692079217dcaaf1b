package io.tributary.client.internal;

import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcErrors;
import java.util.concurrent.CompletableFuture;

/**
 * The answer of one asynchronous unary call as a future that fails with a TributaryException.
 * Thread-safe. Lets the client send to several brokers at once and wait for all of them.
 */
final class UnaryFuture<T> extends CompletableFuture<T> implements StreamObserver<T> {
  @Override
  public void onNext(T value) {
    complete(value);
  }

  @Override
  public void onError(Throwable t) {
    completeExceptionally(GrpcErrors.fromGrpc(t));
  }

  @Override
  public void onCompleted() {
    // the answer came with onNext; a unary call that ends without one is reported by onError
  }
}
