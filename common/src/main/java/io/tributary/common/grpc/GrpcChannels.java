package io.tributary.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tributary.common.error.Errors;
import java.util.concurrent.TimeUnit;

/** Builds client channels the same way everywhere. */
public final class GrpcChannels {
  private GrpcChannels() {}

  /** A plaintext channel to {@code host:port}. */
  public static ManagedChannel forAddress(String address) {
    HostPort hp = HostPort.parse(address);
    return NettyChannelBuilder.forAddress(hp.host(), hp.port())
        .usePlaintext()
        .maxInboundMessageSize(GrpcServers.MAX_MESSAGE_BYTES)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
  }

  /** Closes a channel, waiting a bounded time. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A parsed {@code HOST:PORT}. */
  public record HostPort(String host, int port) {
    public static HostPort parse(String address) {
      int colon = address == null ? -1 : address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        throw Errors.invalid("address '" + address + "' is not HOST:PORT, e.g. 127.0.0.1:7400");
      }
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        return new HostPort(address.substring(0, colon), port);
      } catch (NumberFormatException e) {
        throw Errors.invalid("address '" + address + "' has no valid port; use HOST:PORT with 1-65535");
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
