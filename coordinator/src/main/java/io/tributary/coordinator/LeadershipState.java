package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whether this coordinator may act as leader now, and under which term. Thread-safe.
 *
 * <p>The election sets it; every change asks it first. It is separate from the election so that the
 * request path can be built before the server knows its own address.
 */
final class LeadershipState {
  private static final Logger LOG = LogManager.getLogger(LeadershipState.class);

  /** An active term, how to ask whether the latch still holds, and what to do when fenced out. */
  private record Active(Term term, BooleanSupplier elected, Runnable onFenced) {}

  private final Supplier<String> leaderAddress;
  private final AtomicReference<Active> active = new AtomicReference<>();
  /** Counts stand-downs, so that a term begun before one cannot take effect after it. */
  private long standDowns; // guarded by this

  /** @param leaderAddress the announced leader's address, or "" when none is known */
  LeadershipState(Supplier<String> leaderAddress) {
    this.leaderAddress = leaderAddress;
  }

  /** A mark to pass to {@link #lead} by whoever starts beginning a term now. */
  synchronized long standDowns() {
    return standDowns;
  }

  /**
   * Acts under {@code term}, unless this coordinator stood down since {@code standDownsSeen} was
   * read (the connection was in doubt while the term was being written).
   */
  synchronized boolean lead(long standDownsSeen, Term term, BooleanSupplier elected, Runnable onFenced) {
    if (standDownsSeen != standDowns) {
      return false;
    }
    active.set(new Active(term, elected, onFenced));
    return true;
  }

  /** Stops acting as leader (lost the latch, or the ZooKeeper connection is suspended or lost). */
  synchronized void standBy() {
    standDowns++;
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

  /** Runs a change under the current term; a newer term in ZooKeeper turns it into NotLeader. */
  <T> T act(Function<Term, T> change) {
    Term term = requireLeader();
    try {
      return change.apply(term);
    } catch (FencedOutException e) {
      LOG.warn("stopped acting as leader: {}", e.getMessage());
      fenced(term);
      throw notLeader();
    }
  }

  /** A newer term exists in ZooKeeper: stop acting under {@code term}. */
  void fenced(Term term) {
    Active a;
    synchronized (this) {
      a = active.get();
      if (a == null || !a.term().equals(term)) {
        return;
      }
      standBy();
    }
    a.onFenced().run();
  }

  TributaryException notLeader() {
    return TributaryException.notLeader(leaderAddress.get());
  }
}
