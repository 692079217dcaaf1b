package io.tributary.broker;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Collects what a subscription delivers; optionally asks for events one batch at a time. */
public final class SubscriptionProbe implements ClientResponseObserver<SubscribeRequest, SubscribeEvent> {
  private final boolean manualFlowControl;
  private final List<SubscribeEvent> events = new CopyOnWriteArrayList<>();
  private final List<Record> records = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private volatile boolean completed;
  private volatile ClientCallStreamObserver<SubscribeRequest> call;

  public SubscriptionProbe(boolean manualFlowControl) {
    this.manualFlowControl = manualFlowControl;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
    this.call = requestStream;
    if (manualFlowControl) {
      requestStream.disableAutoRequestWithInitial(1);
    }
  }

  @Override
  public void onNext(SubscribeEvent event) {
    events.add(event);
    records.addAll(TestRecords.decode(event.getRecords()));
  }

  @Override
  public void onError(Throwable t) {
    error.set(t);
  }

  @Override
  public void onCompleted() {
    completed = true;
  }

  /** Lets {@code n} more events come (manual flow control only). */
  public void request(int n) {
    call.request(n);
  }

  public void cancel() {
    call.cancel("test is done", null);
  }

  public List<SubscribeEvent> events() {
    return events;
  }

  public List<Record> records() {
    return records;
  }

  public Throwable error() {
    return error.get();
  }

  public boolean completed() {
    return completed;
  }
}
