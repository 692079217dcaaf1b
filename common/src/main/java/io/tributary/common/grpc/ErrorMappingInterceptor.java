package io.tributary.common.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.tributary.common.error.TributaryException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Turns exceptions thrown by service handlers into statuses with Tributary trailers, so handlers
 * simply throw {@link TributaryException}. Thread-safe; one instance serves every call.
 */
public final class ErrorMappingInterceptor implements ServerInterceptor {
  private static final Logger LOG = LogManager.getLogger(ErrorMappingInterceptor.class);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          fail(call, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          fail(call, e);
        }
      }
    };
  }

  private static void fail(ServerCall<?, ?> call, RuntimeException e) {
    if (!(e instanceof TributaryException)) {
      LOG.error("unexpected error in {}", call.getMethodDescriptor().getFullMethodName(), e);
    }
    StatusRuntimeException status = GrpcErrors.toStatus(e);
    try {
      call.close(status.getStatus(), status.getTrailers());
    } catch (IllegalStateException alreadyClosed) {
      LOG.debug("call {} was already closed", call.getMethodDescriptor().getFullMethodName());
    }
  }
}
