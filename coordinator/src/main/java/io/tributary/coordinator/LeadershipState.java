package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether this coordinator may act as leader now, and under which term. Thread-safe.
 *
 * <p>The election sets it; every change asks it first. It is separate from the election so that the
 * request path can be built before the server knows its own address.
 */
final class LeadershipState {
  /** An active term, how to ask whether the latch still holds, and what to do when fenced out. */
  private record Active(Term term, BooleanSupplier elected, Runnable onFenced) {}

  private final LeaderWatch leaderWatch;
  private final AtomicReference<Active> active = new AtomicReference<>();

  LeadershipState(LeaderWatch leaderWatch) {
    this.leaderWatch = leaderWatch;
  }

  void lead(Term term, BooleanSupplier elected, Runnable onFenced) {
    active.set(new Active(term, elected, onFenced));
  }

  /** Stops acting as leader (lost the latch, or the ZooKeeper connection is suspended or lost). */
  void standBy() {
    active.set(null);
  }

  boolean isLeader() {
    Active a = active.get();
    return a != null && a.elected().getAsBoolean();
  }

  OptionalLong epoch() {
    Active a = active.get();
    return a == null ? OptionalLong.empty() : OptionalLong.of(a.term().epoch());
  }

  /** The current term, or NotLeader naming the leader's address when this coordinator is a standby. */
  Term requireLeader() {
    Active a = active.get();
    if (a == null || !a.elected().getAsBoolean()) {
      throw notLeader();
    }
    return a.term();
  }

  /** A newer term exists in ZooKeeper: stop acting under {@code term}. */
  void fenced(Term term) {
    Active a = active.get();
    if (a != null && a.term().equals(term) && active.compareAndSet(a, null)) {
      a.onFenced().run();
    }
  }

  TributaryException notLeader() {
    return TributaryException.notLeader(leaderWatch.leader().map(Registrations.Leader::address).orElse(""));
  }
}
