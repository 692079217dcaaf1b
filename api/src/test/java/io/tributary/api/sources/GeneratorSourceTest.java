package io.tributary.api.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.fakes.FakeOperatorContext;
import io.tributary.api.fakes.ListSourceOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class GeneratorSourceTest {

  @Test
  void pacesToTheRateSharedBySubtasks() throws Exception {
    // 1000/s over 2 subtasks = 500/s each, i.e. one record every 2 ms of the engine's clock.
    FakeOperatorContext context = new FakeOperatorContext(1, 2);
    SourceReader<String> reader =
        GeneratorSource.unbounded(i -> "r" + i, 1000).createReader(context);
    ListSourceOutput<String> output = new ListSourceOutput<>();

    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(output.values).containsExactly("r1");
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);

    context.testClock().advance(100);
    reader.pollNext(output);
    assertThat(output.values).hasSize(51);
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);

    context.testClock().advance(10_000);
    reader.pollNext(output);
    assertThat(output.values).as("one poll emits a bounded batch").hasSize(51 + 256);
    while (reader.pollNext(output) == InputStatus.MORE_AVAILABLE) {
      // catch up with the schedule
    }
    assertThat(output.values).hasSize(5_051);
    assertThat(output.values.get(5_050)).isEqualTo("r10101");
  }

  @Test
  void boundedGeneratorSplitsIndicesOverSubtasksAndEnds() throws Exception {
    GeneratorSource<Long> source = GeneratorSource.bounded(i -> i, 0, 1_000);
    List<Long> all = new ArrayList<>();
    for (int subtask = 0; subtask < 3; subtask++) {
      all.addAll(ListSourceOutput.drain(source.createReader(new FakeOperatorContext(subtask, 3))));
    }

    assertThat(source.bounded()).isTrue();
    assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1_000).boxed().toList());
    assertThat(GeneratorSource.unbounded(i -> i, 5).bounded()).isFalse();
  }

  @Test
  void sequenceAndElementsEmitEachValueOnceOverSubtasks() throws Exception {
    SequenceSource sequence = new SequenceSource(-5, 994);
    ElementsSource<String> elements = new ElementsSource<>(List.of("a", "b", "c", "d", "e"));
    List<Long> numbers = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (int subtask = 0; subtask < 4; subtask++) {
      numbers.addAll(ListSourceOutput.drain(sequence.createReader(new FakeOperatorContext(subtask, 4))));
      strings.addAll(ListSourceOutput.drain(elements.createReader(new FakeOperatorContext(subtask, 4))));
    }

    assertThat(numbers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(-5, 994).boxed().toList());
    assertThat(strings).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    assertThat(ListSourceOutput.drain(new SequenceSource(Long.MAX_VALUE - 2, Long.MAX_VALUE)
        .createReader(new FakeOperatorContext(0, 2)))).containsExactly(Long.MAX_VALUE - 2, Long.MAX_VALUE);
  }
}
