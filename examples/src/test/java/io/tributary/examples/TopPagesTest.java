package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.testing.OperatorHarness;
import org.junit.jupiter.api.Test;

class TopPagesTest {
  private static final long MINUTE = 60_000;

  @Test
  void ranksAWindowWhenTheWatermarkPassesItsEndWithTiesByPageName() throws Exception {
    try (OperatorHarness<PageCount, TopPage> harness =
        OperatorHarness.forKeyedProcess(new ClickstreamTopPages.ByWindow(), new TopPages(3, MINUTE)).open()) {
      harness.processElement(new PageCount(0, "/b", 5), MINUTE - 1);
      harness.processElement(new PageCount(0, "/a", 5), MINUTE - 1);
      harness.processElement(new PageCount(0, "/c", 9), MINUTE - 1);
      harness.processElement(new PageCount(0, "/d", 1), MINUTE - 1);
      harness.processElement(new PageCount(MINUTE, "/z", 2), 2 * MINUTE - 1);
      harness.processWatermark(MINUTE - 2);
      assertThat(harness.extractOutputValues()).as("window still open").isEmpty();

      harness.processWatermark(MINUTE - 1);

      assertThat(harness.extractOutputValues()).extracting(TopPage::line)
          .containsExactly("0\t1\t/c\t9", "0\t2\t/a\t5", "0\t3\t/b\t5");
      harness.clearOutput().endInput();
      assertThat(harness.extractOutputValues()).containsExactly(new TopPage(MINUTE, 1, "/z", 2));
    }
  }

  @Test
  void planShufflesByPageThenByWindowAndWritesToTheOutputStream() throws Exception {
    JobPlan plan = PlanCapture.plan(ClickstreamTopPages::main, 4, "--input", "c", "--output", "t", "--print");

    assertThat(plan.bounded()).isFalse();
    assertThat(plan.vertices()).hasSize(3);
    assertThat(plan.vertices().get(2).nodes()).extracting(n -> n.name())
        .containsExactly("Top pages", "Sink: Stream t", "Sink: Print");
  }
}
