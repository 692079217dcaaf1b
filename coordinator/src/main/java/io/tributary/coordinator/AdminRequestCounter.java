package io.tributary.coordinator;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tributary.common.grpc.GrpcErrors;

/**
 * Counts each admin call when it closes, by method and outcome. Thread-safe; one instance serves
 * every call.
 *
 * <p>The outcome is the error name the client receives in the trailers, so the metric speaks the
 * same vocabulary as {@code trib} error messages.
 */
final class AdminRequestCounter implements ServerInterceptor {
  private final CoordinatorMetrics metrics;

  AdminRequestCounter(CoordinatorMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        metrics.request(method, outcome(status, trailers));
        super.close(status, trailers);
      }
    }, headers);
  }

  private static String outcome(Status status, Metadata trailers) {
    if (status.isOk()) {
      return "OK";
    }
    String name = trailers == null ? null : trailers.get(GrpcErrors.ERROR_CODE);
    return name != null ? name : status.getCode().name();
  }
}
