package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeadershipStateTest {
  private final AtomicBoolean elected = new AtomicBoolean(true);
  private final AtomicInteger fencedCalls = new AtomicInteger();
  private final LeadershipState state = new LeadershipState(() -> "10.0.0.9:7400");

  @Test
  void aStandbyAnswersNotLeaderWithTheLeadersAddress() {
    assertThat(state.isLeader()).isFalse();
    assertThat(state.epoch()).isEmpty();
    assertThatThrownBy(state::requireLeader).isInstanceOfSatisfying(TributaryException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_LEADER);
      assertThat(e.leaderAddress()).contains("10.0.0.9:7400");
    });
  }

  @Test
  void leadsUnderItsTermWhileTheLatchHolds() {
    Term term = new Term(3, 7);
    assertThat(lead(state.standDowns(), term)).isTrue();

    assertThat(state.requireLeader()).isEqualTo(term);
    assertThat(state.epoch()).hasValue(3);
    elected.set(false);
    assertThat(state.isLeader()).isFalse();
    assertThatThrownBy(state::requireLeader).isInstanceOf(TributaryException.class);
  }

  @Test
  void aTermBegunBeforeAStandDownDoesNotTakeEffect() {
    long mark = state.standDowns();
    state.standBy(); // e.g. the connection was suspended while the term was being written

    assertThat(lead(mark, new Term(4, 1))).isFalse();
    assertThat(state.isLeader()).isFalse();
  }

  @Test
  void beingFencedOutStandsDownOnceAndAsksForANewTerm() {
    Term term = new Term(5, 2);
    lead(state.standDowns(), term);

    state.fenced(new Term(4, 1)); // an older term: not ours any more
    assertThat(state.isLeader()).isTrue();
    state.fenced(term);
    state.fenced(term);

    assertThat(state.isLeader()).isFalse();
    assertThat(fencedCalls).hasValue(1);
  }

  private boolean lead(long mark, Term term) {
    return state.lead(mark, term, elected::get, fencedCalls::incrementAndGet);
  }
}
