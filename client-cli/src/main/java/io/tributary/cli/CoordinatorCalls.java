package io.tributary.cli;

import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractBlockingStub;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.CoordinatorInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls one of the coordinators' services ({@code S} is its blocking stub). Reads go to any
 * coordinator (standbys answer them) and move on to the next address while one is unreachable;
 * changes go to the leader that the cluster status names and follow NotLeader redirects. Confined to
 * the command's thread.
 *
 * <p>A change is never re-sent after it may have reached a coordinator: a second submit or create
 * would run twice; callers tell the user where to look instead.
 */
public final class CoordinatorCalls<S extends AbstractBlockingStub<S>> implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;
  private static final long BACKOFF_MILLIS = 200;

  private final TributaryClient cluster;
  private final Function<ManagedChannel, S> stubs;
  private final List<String> addresses;
  private final Duration requestTimeout;
  private final Duration retryTimeout;
  private final Map<String, ManagedChannel> channels = new HashMap<>();
  private String current;

  /** {@code cluster} (not closed here) tells which coordinator leads; {@code stubs} makes the service's stub. */
  public CoordinatorCalls(TributaryClient cluster, ClientOptions options, Function<ManagedChannel, S> stubs) {
    this.cluster = cluster;
    this.stubs = stubs;
    this.addresses = new ArrayList<>(options.coordinators());
    this.requestTimeout = options.requestTimeout();
    this.retryTimeout = options.retryTimeout();
    this.current = addresses.get(0);
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** A read ({@code what} names it in errors), from any coordinator that answers. */
  public <T> T read(String what, Function<S, T> rpc) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    String target = current;
    int redirects = 0;
    while (true) {
      TributaryException failure;
      try {
        T answer = rpc.apply(stub(target, requestTimeout));
        current = target;
        return answer;
      } catch (RuntimeException e) {
        failure = GrpcErrors.fromGrpc(e);
      }
      if (redirect(failure, target) && redirects++ < MAX_REDIRECTS) {
        target = failure.leaderAddress().orElseThrow();
        continue;
      }
      if (failure.code() != ErrorCode.UNAVAILABLE && failure.code() != ErrorCode.NOT_LEADER) {
        throw failure;
      }
      if (System.nanoTime() - deadline > 0) {
        throw noCoordinator(what, failure);
      }
      target = addresses.get((addresses.indexOf(target) + 1) % addresses.size());
      backOff();
    }
  }

  /** A change sent to {@code leader} (see {@link #leader}), following redirects, never re-sent. */
  public <T> T change(String leader, Duration timeout, Function<S, T> rpc) {
    String target = leader;
    for (int redirects = 0; ; redirects++) {
      try {
        return rpc.apply(stub(target, timeout));
      } catch (RuntimeException e) {
        TributaryException failure = GrpcErrors.fromGrpc(e);
        if (!redirect(failure, target) || redirects >= MAX_REDIRECTS) {
          throw failure;
        }
        target = failure.leaderAddress().orElseThrow();
      }
    }
  }

  /** The leading coordinator's address, waiting (bounded) while an election runs. */
  public String leader(String what) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    while (true) {
      for (CoordinatorInfo c : cluster.clusterStatus().getCoordinatorsList()) {
        if (c.getLeader()) {
          return c.getAddress();
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw Errors.unavailable("no coordinator leads, so nobody can " + what + " (waited "
            + retryTimeout.toSeconds() + "s); check the coordinators with 'trib cluster status'");
      }
      backOff();
    }
  }

  private static boolean redirect(TributaryException failure, String target) {
    return failure.code() == ErrorCode.NOT_LEADER
        && failure.leaderAddress().isPresent()
        && !failure.leaderAddress().get().equals(target);
  }

  private S stub(String address, Duration timeout) {
    ManagedChannel channel = channels.computeIfAbsent(address, GrpcChannels::forAddress);
    return stubs.apply(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private TributaryException noCoordinator(String what, TributaryException last) {
    return new TributaryException(ErrorCode.UNAVAILABLE, "no coordinator answered to " + what + " within "
        + retryTimeout.toSeconds() + "s (tried " + String.join(", ", addresses) + "; last error " + last.describe()
        + "); check that a coordinator is running with 'trib cluster status'", last);
  }

  private static void backOff() {
    try {
      Thread.sleep(BACKOFF_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for a coordinator");
    }
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}
