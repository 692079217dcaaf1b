package io.tributary.worker.exchange;

import io.grpc.ManagedChannel;
import io.tributary.common.grpc.GrpcChannels;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gRPC channel per producer worker, shared by every remote input channel reading from it, so
 * a worker keeps one connection per peer however many streams it reads. Thread-safe.
 */
final class RemoteConnections implements AutoCloseable {
  private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ManagedChannel to(String address) {
    if (closed) {
      throw new ExchangeException("the exchange is closed; no new connection to " + address);
    }
    return channels.computeIfAbsent(address, GrpcChannels::forAddress);
  }

  @Override
  public void close() {
    closed = true;
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
