package io.tributary.broker.internal;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;

/** A server call that a test makes ready or not, cancels, and inspects. Confined to the test thread. */
final class FakeCallObserver<T> extends ServerCallStreamObserver<T> {
  final List<T> sent = new ArrayList<>();
  Throwable error;
  boolean completed;
  boolean ready = true;
  private Runnable onReady = () -> {};
  private Runnable onCancel = () -> {};

  void becomeReady() {
    ready = true;
    onReady.run();
  }

  void cancelByClient() {
    onCancel.run();
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void setOnCancelHandler(Runnable handler) {
    onCancel = handler;
  }

  @Override
  public void setCompression(String compression) {}

  @Override
  public boolean isReady() {
    return ready;
  }

  @Override
  public void setOnReadyHandler(Runnable handler) {
    onReady = handler;
  }

  @Override
  public void disableAutoInboundFlowControl() {}

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}

  @Override
  public void onNext(T value) {
    if (error != null || completed) {
      throw new IllegalStateException("call already closed");
    }
    sent.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onCompleted() {
    completed = true;
  }
}
