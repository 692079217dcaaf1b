package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.internal.ProducerVerdict.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-shard dedup decisions for idempotent producers, and how the state stays bounded. */
class ProducerStatesTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final long P = 42;

  private final ProducerStates states = new ProducerStates(new ProducerStateSettings(Duration.ofMinutes(5), 100, 3));

  private void written(long producer, long firstProducerSequence, int count, long firstSequenceNumber, long at) {
    states.record(producer, new ProducerBatch(firstProducerSequence, count, firstSequenceNumber, at), at);
  }

  @Test
  void anUnknownProducerMayStartAtAnySequence() {
    assertThat(states.check(P, 1, 10, NOW)).isEqualTo(ProducerVerdict.FRESH);
    assertThat(states.check(P, 7_000, 10, NOW)).isEqualTo(ProducerVerdict.FRESH);
  }

  @Test
  void theBatchRightAfterTheLastOneIsAppended() {
    written(P, 1, 10, 100, NOW);

    assertThat(states.check(P, 11, 5, NOW)).isEqualTo(ProducerVerdict.FRESH);
  }

  @Test
  void aRetriedBatchIsADuplicateAnsweredWithItsOriginalSequenceNumbers() {
    written(P, 1, 10, 100, NOW);
    written(P, 11, 5, 300, NOW + 1);

    ProducerVerdict whole = states.check(P, 1, 10, NOW + 2);
    ProducerVerdict tail = states.check(P, 13, 3, NOW + 2);

    assertThat(whole).isEqualTo(new ProducerVerdict(Kind.DUPLICATE, 10, 100, NOW, 0));
    assertThat(tail).isEqualTo(new ProducerVerdict(Kind.DUPLICATE, 3, 302, NOW + 1, 0));
  }

  @Test
  void aDuplicateOfABatchNoLongerRememberedHasNoSequenceNumber() {
    for (int b = 0; b <= ProducerState.REMEMBERED_BATCHES; b++) {
      written(P, 1 + b * 10L, 10, 1000 + b * 100L, NOW);
    }

    assertThat(states.check(P, 1, 10, NOW)).isEqualTo(new ProducerVerdict(Kind.DUPLICATE, 10, -1, 0, 0));
    assertThat(states.check(P, 11, 10, NOW).firstSequenceNumber()).isEqualTo(1100);
  }

  @Test
  void aBatchStraddlingTheLastWrittenSequenceSkipsTheWrittenPart() {
    written(P, 1, 5, 100, NOW);

    assertThat(states.check(P, 1, 10, NOW)).isEqualTo(new ProducerVerdict(Kind.APPEND, 5, 100, NOW, 0));
    assertThat(states.check(P, 4, 10, NOW)).isEqualTo(new ProducerVerdict(Kind.APPEND, 2, 103, NOW, 0));
  }

  @Test
  void aGapIsRefusedNamingTheExpectedSequence() {
    written(P, 1, 10, 100, NOW);

    assertThat(states.check(P, 12, 1, NOW)).isEqualTo(ProducerVerdict.gap(11));
  }

  @Test
  void producersAreTrackedSeparately() {
    written(P, 1, 10, 100, NOW);

    assertThat(states.check(P + 1, 1, 10, NOW)).isEqualTo(ProducerVerdict.FRESH);
  }

  @Test
  void aProducerIdleLongerThanTheWindowIsForgotten() {
    written(P, 1, 10, 100, NOW);

    assertThat(states.check(P, 1, 10, NOW + Duration.ofMinutes(5).toMillis()).kind()).isEqualTo(Kind.DUPLICATE);
    assertThat(states.check(P, 1, 10, NOW + Duration.ofMinutes(5).toMillis() + 1)).isEqualTo(ProducerVerdict.FRESH);
    assertThat(states.size()).isZero();
  }

  @Test
  void idleProducersAreDroppedWhenOthersWrite() {
    written(P, 1, 10, 100, NOW);
    written(P + 1, 1, 10, 200, NOW + Duration.ofMinutes(6).toMillis());

    assertThat(states.size()).isEqualTo(1);
  }

  @Test
  void pastTheLimitTheLeastRecentlyUsedProducerIsForgotten() {
    written(1, 1, 1, 0, NOW);
    written(2, 1, 1, 1, NOW);
    written(3, 1, 1, 2, NOW);
    states.check(1, 2, 1, NOW);
    written(4, 1, 1, 3, NOW);

    assertThat(states.size()).isEqualTo(3);
    assertThat(states.check(2, 1, 1, NOW)).isEqualTo(ProducerVerdict.FRESH);
    assertThat(states.check(1, 1, 1, NOW).kind()).isEqualTo(Kind.DUPLICATE);
  }
}
