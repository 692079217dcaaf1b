package io.tributary.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReshardingTest {
  private static final HashKeyRange ALL = new HashKeyRange(HashKey.MIN, HashKey.MAX);

  @Test
  void splitKeyMustBeStrictlyInside() {
    HashKeyRange range = range(10, 20);
    assertThat(Resharding.canSplitAt(range, key(10))).isFalse();
    assertThat(Resharding.canSplitAt(range, key(11))).isTrue();
    assertThat(Resharding.canSplitAt(range, key(20))).isTrue();
    assertThat(Resharding.canSplitAt(range, key(21))).isFalse();
    assertThat(Resharding.canSplitAt(range, key(3))).isFalse();
    assertThatThrownBy(() -> Resharding.split(range, key(10))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Resharding.split(range, key(20))).containsExactly(range(10, 19), range(20, 20));
  }

  @Test
  void middleSplitsTheWholeSpaceIntoTheTwoUniformHalves() {
    assertThat(Resharding.split(ALL, Resharding.middle(ALL))).isEqualTo(HashKeyRange.uniform(2));
    assertThat(Resharding.middle(range(4, 5))).isEqualTo(key(5));
    assertThat(Resharding.splittable(range(7, 7))).isFalse();
    assertThatThrownBy(() -> Resharding.middle(range(7, 7))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mergeTakesAdjacentRangesInEitherOrderOnly() {
    assertThat(Resharding.merge(range(0, 9), range(10, 20))).isEqualTo(range(0, 20));
    assertThat(Resharding.merge(range(10, 20), range(0, 9))).isEqualTo(range(0, 20));
    assertThat(Resharding.adjacent(range(0, 9), range(11, 20))).isFalse();
    assertThat(Resharding.adjacent(range(0, 10), range(10, 20))).isFalse();
    assertThat(Resharding.adjacent(range(0, 9), range(0, 9))).isFalse();
    List<HashKeyRange> halves = HashKeyRange.uniform(2);
    assertThat(Resharding.adjacent(halves.get(1), halves.get(0))).isTrue();
    assertThat(Resharding.adjacent(halves.get(1), new HashKeyRange(HashKey.MIN, HashKey.MIN))).isFalse();
    assertThatThrownBy(() -> Resharding.merge(range(0, 9), range(11, 20)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scaleNamesEveryOverlappingOldShardAsAParent() {
    List<HashKeyRange> two = HashKeyRange.uniform(2);
    Map<String, HashKeyRange> open = Map.of("b", two.get(1), "a", two.get(0));

    List<Resharding.PlannedRange> plan = Resharding.scale(open, 3);

    assertThat(plan).extracting(Resharding.PlannedRange::range).isEqualTo(HashKeyRange.uniform(3));
    assertThat(plan).extracting(Resharding.PlannedRange::parentShardIds)
        .containsExactly(List.of("a"), List.of("a", "b"), List.of("b"));
    assertThatThrownBy(() -> Resharding.scale(open, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static HashKeyRange range(long start, long end) {
    return new HashKeyRange(key(start), key(end));
  }

  private static HashKey key(long value) {
    return HashKey.of(BigInteger.valueOf(value));
  }
}
