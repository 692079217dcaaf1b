package io.tributary.client.internal;

import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractBlockingStub;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterAdminGrpc.ClusterAdminBlockingStub;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.proto.v1.StreamAdminGrpc.StreamAdminBlockingStub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Calls the coordinators: sticks to the one that answered last, moves to the next address when one
 * is unreachable, follows NotLeader redirects and remembers the leader, and retries within the
 * client's retry timeout. Thread-safe. A coordinator fail-over must cost callers latency only.
 */
public final class CoordinatorPool implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(CoordinatorPool.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final List<String> addresses;
  private final Duration requestTimeout;
  private final Duration retryTimeout;
  private final Clock clock;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private volatile String current;
  private volatile boolean closed;

  public CoordinatorPool(List<String> addresses, Duration requestTimeout, Duration retryTimeout, Clock clock) {
    this.addresses = new CopyOnWriteArrayList<>(addresses);
    this.requestTimeout = requestTimeout;
    this.retryTimeout = retryTimeout;
    this.clock = clock;
    this.current = addresses.get(0);
  }

  /** Runs {@code rpc} against the stream administration service. */
  public <T> T admin(String what, Function<StreamAdminBlockingStub, T> rpc) {
    return call(what, channel -> rpc.apply(deadline(StreamAdminGrpc.newBlockingStub(channel))));
  }

  /** Runs {@code rpc} against the cluster administration service. */
  public <T> T cluster(String what, Function<ClusterAdminBlockingStub, T> rpc) {
    return call(what, channel -> rpc.apply(deadline(ClusterAdminGrpc.newBlockingStub(channel))));
  }

  /**
   * Runs {@code rpc} against the cluster administration service under its own deadline, for calls
   * that take longer than a request (a server stream reporting progress). Redirects and retries
   * happen only while {@code rpc} runs, so it should wait for the first answer before it returns.
   */
  public <T> T cluster(String what, Duration deadline, Function<ClusterAdminBlockingStub, T> rpc) {
    return call(what, channel -> rpc.apply(
        ClusterAdminGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  /** The coordinator the next call goes to first. */
  public String current() {
    return current;
  }

  private <S extends AbstractBlockingStub<S>> S deadline(S stub) {
    return stub.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private <T> T call(String what, Function<ManagedChannel, T> rpc) {
    Retrier retrier = new Retrier(clock, retryTimeout, FIRST_BACKOFF);
    String target = current;
    int unreachableInRow = 0;
    int redirectsInRow = 0;
    while (true) {
      TributaryException failure;
      try {
        T answer = rpc.apply(channel(target));
        current = target;
        return answer;
      } catch (RuntimeException e) {
        failure = GrpcErrors.fromGrpc(e);
      }
      boolean pause;
      if (failure.code() == ErrorCode.NOT_LEADER && failure.leaderAddress().isPresent()
          && !failure.leaderAddress().get().equals(target)) {
        target = learn(failure.leaderAddress().get());
        unreachableInRow = 0;
        pause = ++redirectsInRow > addresses.size();
      } else if (failure.code() == ErrorCode.UNAVAILABLE) {
        reconnect(target);
        target = next(target);
        redirectsInRow = 0;
        pause = ++unreachableInRow % addresses.size() == 0;
      } else if (failure.code() == ErrorCode.NOT_LEADER) {
        pause = true; // an election is in progress: nobody knows the leader yet
      } else {
        throw failure;
      }
      if (closed) {
        throw new TributaryException(ErrorCode.UNAVAILABLE, "the client is closed; " + what + " was not sent");
      }
      if ((pause && !retrier.backOff()) || retrier.expired()) {
        throw noCoordinator(what, failure);
      }
      LOG.debug("{}: {}; trying coordinator {}", what, failure.describe(), target);
    }
  }

  private String learn(String leader) {
    if (!addresses.contains(leader)) {
      addresses.add(leader);
    }
    current = leader;
    return leader;
  }

  private String next(String target) {
    int i = addresses.indexOf(target);
    return addresses.get((i + 1) % addresses.size());
  }

  private TributaryException noCoordinator(String what, TributaryException last) {
    return new TributaryException(
        ErrorCode.UNAVAILABLE,
        "no leading coordinator answered " + what + " within " + retryTimeout.toMillis() + " ms (tried "
            + String.join(", ", addresses) + "; last error " + last.describe()
            + "); check that a coordinator is running with 'trib cluster status'",
        last);
  }

  /** Skips gRPC's reconnect back-off for an address that failed; this loop paces the retries. */
  private void reconnect(String address) {
    ManagedChannel channel = channels.get(address);
    if (channel != null) {
      channel.resetConnectBackoff();
    }
  }

  private ManagedChannel channel(String address) {
    if (closed) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "the client is closed; open a new TributaryClient");
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
