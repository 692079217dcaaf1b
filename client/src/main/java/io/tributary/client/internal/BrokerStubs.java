package io.tributary.client.internal;

import io.grpc.ManagedChannel;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardDataGrpc.ShardDataBlockingStub;
import io.tributary.proto.v1.ShardDataGrpc.ShardDataStub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One cached channel per broker address, with stubs that carry the client's request deadline.
 * Thread-safe. Channels are costly to open and cheap to share; they close with the client.
 */
public final class BrokerStubs implements AutoCloseable {
  private final Duration requestTimeout;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public BrokerStubs(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** An asynchronous stub to {@code address} whose deadline starts now. */
  public ShardDataStub async(String address) {
    return entry(address).async.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** An asynchronous stub without a deadline, for long-lived streams. */
  public ShardDataStub streaming(String address) {
    return entry(address).async;
  }

  /** A blocking stub to {@code address} whose deadline starts now. */
  public ShardDataBlockingStub blocking(String address) {
    return entry(address).blocking.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * After a broker was unreachable: lets the channel try to connect again at once, instead of
   * after gRPC's reconnect back-off (up to two minutes), since the client paces its own retries.
   */
  public void reconnect(String address) {
    Entry e = entries.get(address);
    if (e != null) {
      e.channel.resetConnectBackoff();
    }
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  private Entry entry(String address) {
    if (closed) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "the client is closed; open a new TributaryClient");
    }
    Entry e = entries.get(address);
    return e != null ? e : entries.computeIfAbsent(address, Entry::open);
  }

  @Override
  public void close() {
    closed = true;
    entries.values().forEach(e -> GrpcChannels.close(e.channel));
    entries.clear();
  }

  private record Entry(ManagedChannel channel, ShardDataStub async, ShardDataBlockingStub blocking) {
    static Entry open(String address) {
      ManagedChannel channel = GrpcChannels.forAddress(address);
      return new Entry(channel, ShardDataGrpc.newStub(channel), ShardDataGrpc.newBlockingStub(channel));
    }
  }
}
