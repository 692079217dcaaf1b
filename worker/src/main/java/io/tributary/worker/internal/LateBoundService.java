package io.tributary.worker.internal;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;

/**
 * A gRPC service whose implementation is supplied once the server is listening. Thread-safe.
 *
 * <p>The data exchange needs the worker's own address, which is known only after the server has
 * bound its port; the server in turn needs its services before it starts.
 */
final class LateBoundService implements BindableService {
  private final ServiceDescriptor descriptor;
  private volatile ServerServiceDefinition target;

  LateBoundService(ServiceDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  void bind(BindableService service) {
    this.target = service.bindService();
  }

  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor);
    for (MethodDescriptor<?, ?> method : descriptor.getMethods()) {
      addForwarding(builder, method);
    }
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private <Q, R> void addForwarding(ServerServiceDefinition.Builder builder, MethodDescriptor<Q, R> method) {
    Supplier<ServerCallHandler<Q, R>> handler = () -> {
      ServerServiceDefinition bound = target;
      if (bound == null) {
        throw new StatusRuntimeException(Status.UNAVAILABLE.withDescription("the worker is starting; retry shortly"));
      }
      return (ServerCallHandler<Q, R>) bound.getMethod(method.getFullMethodName()).getServerCallHandler();
    };
    builder.addMethod(method, (call, headers) -> handler.get().startCall(call, headers));
  }
}
