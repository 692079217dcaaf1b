package io.tributary.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of hash-range arithmetic: random sequences of splits and merges keep the open ranges an
 * exact, non-overlapping cover of [0, 2^128-1], every key routes to exactly one open range, and scale
 * plans cover the space with exactly the overlapping old ranges as parents.
 */
class ReshardingPropertiesTest {
  private static final BigInteger SPACE = HashKey.MAX_VALUE.add(BigInteger.ONE);

  /** One step: split the open range at {@code index} (mod count) at a point, or merge it with its right neighbour. */
  record Step(boolean split, int index, BigInteger point) {}

  @Property(tries = 300)
  void splitsAndMergesKeepAnExactCover(@ForAll("startingCounts") int initial,
      @ForAll("manySteps") List<Step> steps, @ForAll("probes") List<BigInteger> probes) {
    List<HashKeyRange> open = new ArrayList<>(HashKeyRange.uniform(initial));
    assertExactCover(open);
    for (Step step : steps) {
      int i = step.index() % open.size();
      if (step.split()) {
        HashKeyRange range = open.get(i);
        if (!Resharding.splittable(range)) {
          continue;
        }
        HashKey at = pointInside(range, step.point());
        assertThat(Resharding.canSplitAt(range, at)).isTrue();
        open.remove(i);
        open.addAll(i, Resharding.split(range, at));
      } else if (i + 1 < open.size()) {
        HashKeyRange left = open.get(i);
        HashKeyRange right = open.get(i + 1);
        assertThat(Resharding.adjacent(right, left)).isTrue();
        HashKeyRange merged = step.index() % 2 == 0 ? Resharding.merge(left, right) : Resharding.merge(right, left);
        open.remove(i + 1);
        open.set(i, merged);
      }
      assertExactCover(open);
    }
    for (BigInteger probe : probes) {
      assertRoutesToExactlyOne(open, HashKey.of(probe));
    }
    for (HashKeyRange range : open) {
      assertRoutesToExactlyOne(open, range.start());
      assertRoutesToExactlyOne(open, range.end());
    }
  }

  @Property(tries = 200)
  void scalePlansCoverTheSpaceWithOverlappingParents(@ForAll("startingCounts") int initial,
      @ForAll("fewSteps") List<Step> splits, @ForAll @IntRange(min = 1, max = 64) int target) {
    List<HashKeyRange> open = new ArrayList<>(HashKeyRange.uniform(initial));
    for (Step step : splits) {
      int i = step.index() % open.size();
      HashKeyRange range = open.remove(i);
      open.addAll(i, Resharding.splittable(range) ? Resharding.split(range, pointInside(range, step.point()))
          : List.of(range));
    }
    Map<String, HashKeyRange> byId = new LinkedHashMap<>();
    for (int i = open.size() - 1; i >= 0; i--) { // out of order on purpose
      byId.put(ShardIds.of(i), open.get(i));
    }

    List<Resharding.PlannedRange> plan = Resharding.scale(byId, target);

    assertThat(plan).hasSize(target);
    assertExactCover(plan.stream().map(Resharding.PlannedRange::range).toList());
    for (Resharding.PlannedRange planned : plan) {
      List<String> overlapping = byId.entrySet().stream()
          .filter(e -> Resharding.overlap(e.getValue(), planned.range()))
          .sorted(Map.Entry.comparingByValue((a, b) -> a.start().compareTo(b.start())))
          .map(Map.Entry::getKey).toList();
      assertThat(planned.parentShardIds()).isNotEmpty().isEqualTo(overlapping);
    }
  }

  @Provide
  Arbitrary<Integer> startingCounts() {
    return Arbitraries.integers().between(1, 8);
  }

  @Provide
  Arbitrary<List<Step>> manySteps() {
    return steps().list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Step>> fewSteps() {
    return steps().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<BigInteger>> probes() {
    return keys().list().ofMaxSize(20);
  }

  private Arbitrary<Step> steps() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000), keys())
        .as(Step::new);
  }

  private Arbitrary<BigInteger> keys() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, HashKey.MAX_VALUE);
  }

  /** A key strictly inside {@code range} chosen by {@code point}; edge points pick start + 1 and end. */
  private static HashKey pointInside(HashKeyRange range, BigInteger point) {
    BigInteger start = range.start().toBigInteger();
    BigInteger choices = range.end().toBigInteger().subtract(start); // keys start+1 .. end
    return HashKey.of(start.add(BigInteger.ONE).add(point.mod(choices)));
  }

  private static void assertExactCover(List<HashKeyRange> ranges) {
    BigInteger next = BigInteger.ZERO;
    for (HashKeyRange range : ranges) {
      assertThat(range.start().toBigInteger()).as("gap or overlap before " + range).isEqualTo(next);
      assertThat(range.start()).isLessThanOrEqualTo(range.end());
      next = range.end().toBigInteger().add(BigInteger.ONE);
    }
    assertThat(next).isEqualTo(SPACE);
  }

  private static void assertRoutesToExactlyOne(List<HashKeyRange> open, HashKey key) {
    assertThat(open.stream().filter(r -> r.contains(key)).count()).as("ranges holding " + key).isEqualTo(1);
  }
}
