package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.testing.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordCountTest {
  @Test
  void wordsAreLowercaseRunsOfLettersAndDigits() {
    List<String> words = new ArrayList<>();
    new WordCount.Tokenizer().flatMap("Don't STOP-2 me,  Ünïcode\tx42 -- ", words::add);
    assertThat(words).containsExactly("don", "t", "stop", "2", "me", "ünïcode", "x42");
  }

  @Test
  void emptyAndSeparatorOnlyLinesHaveNoWords() {
    List<String> words = new ArrayList<>();
    new WordCount.Tokenizer().flatMap("", words::add);
    new WordCount.Tokenizer().flatMap(" ,;-- ", words::add);
    assertThat(words).isEmpty();
  }

  @Test
  void countsAreEmittedOnceWhenTheInputEnds() throws Exception {
    try (OperatorHarness<String, String> harness =
        OperatorHarness.forKeyedProcess(new WordCount.Identity(), new WordCount.CountWords()).open()) {
      for (String word : List.of("a", "b", "a", "c", "a", "b")) {
        harness.processElement(word);
      }
      harness.processWatermark(1_000_000);
      assertThat(harness.extractOutputValues()).as("no partial counts before the end").isEmpty();

      harness.endInput();

      assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder("a\t3", "b\t2", "c\t1");
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void planReadsTokenizesInOneChainThenCountsAndWritesAfterTheKeyedExchange() throws Exception {
    JobPlan plan = PlanCapture.plan(WordCount::main, 4, "--input", "in.txt", "--output", "out");

    assertThat(plan.bounded()).isTrue();
    assertThat(plan.vertices()).hasSize(2).allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(4));
    JobVertex counting = plan.vertices().get(1);
    assertThat(counting.nodes()).extracting(n -> n.name()).containsExactly("Count", "Sink: Text out");
  }

  @Test
  void missingOutputNamesTheArgument() {
    assertThatThrownBy(() -> PlanCapture.plan(WordCount::main, 1, "--input", "in.txt"))
        .hasMessageContaining("--output");
  }
}
