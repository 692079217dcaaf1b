package io.tributary.common.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds the gRPC servers of every process the same way: one interceptor chain, one size limit. */
public final class GrpcServers {
  /** Large enough for a 10 MiB get-records answer or a 5 MiB put batch with framing. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

  private GrpcServers() {}

  /** Starts a server on {@code host:port} (port 0 picks a free one). */
  public static Server start(String host, int port, List<BindableService> services) {
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true);
    ErrorMappingInterceptor errors = new ErrorMappingInterceptor();
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, errors));
    }
    try {
      return builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** Stops a server, waiting a bounded time for calls in progress. */
  public static void stop(Server server) {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
