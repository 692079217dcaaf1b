package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.fakes.FakeOperatorContext;
import io.tributary.api.fakes.RecordingOutput;
import io.tributary.api.fakes.RecordingOutput.Event;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.functions.RichFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {
  private final FakeOperatorContext context = new FakeOperatorContext(1, 3);

  @Test
  void mapKeepsTimestampsAndForwardsWatermarksAndIdleness() throws Exception {
    RecordingOutput<Integer> out = new RecordingOutput<>();
    MapOperator<String, Integer> map = new MapOperator<>(String::length);
    map.open(context, out);

    map.processElement("abc", 10);
    map.processElement("de", Timestamps.NONE);
    map.processWatermark(7);
    map.processIdle(true);

    assertThat(out.events()).containsExactly(
        Event.record(3, 10), Event.record(2, Timestamps.NONE), Event.watermark(7), Event.idle(true));
  }

  @Test
  void filterKeepsAcceptedRecordsWithTheirTimestamps() throws Exception {
    RecordingOutput<Integer> out = new RecordingOutput<>();
    FilterOperator<Integer> filter = new FilterOperator<>(x -> x % 2 == 0);
    filter.open(context, out);

    for (int i = 1; i <= 4; i++) {
      filter.processElement(i, i * 100L);
    }
    filter.processWatermark(400);
    filter.processIdle(false);

    assertThat(out.events()).containsExactly(
        Event.record(2, 200), Event.record(4, 400), Event.watermark(400), Event.idle(false));
  }

  @Test
  void flatMapGivesEveryEmittedRecordTheInputTimestamp() throws Exception {
    RecordingOutput<String> out = new RecordingOutput<>();
    FlatMapOperator<String, String> flatMap = new FlatMapOperator<>((line, collector) -> {
      for (String word : line.split(" ")) {
        collector.collect(word);
      }
    });
    flatMap.open(context, out);

    flatMap.processElement("a b", 5);
    flatMap.processElement("c", 9);
    flatMap.processWatermark(9);

    assertThat(out.events()).containsExactly(
        Event.record("a", 5), Event.record("b", 5), Event.record("c", 9), Event.watermark(9));
  }

  @Test
  void richFunctionsAreOpenedWithSubtaskFactsAndClosed() throws Exception {
    RichMap function = new RichMap();
    MapOperator<Integer, String> map = new MapOperator<>(function);
    RecordingOutput<String> out = new RecordingOutput<>();

    map.open(context, out);
    map.processElement(7, 1);
    map.close();

    assertThat(out.values()).containsExactly("1/3:7");
    assertThat(function.calls).containsExactly("open test-operator", "close");
  }

  @Test
  void keyedStateOnANonKeyedStreamExplainsKeyBy() throws Exception {
    RuntimeContext runtime = NonKeyedRuntimeContext.of(context);

    assertThatThrownBy(() -> runtime.getState(new ValueStateDescriptor<Long>("count")))
        .hasMessageContaining("keyed state needs a keyed stream: call keyBy first");
  }

  /** Records its lifecycle and prefixes values with the subtask it runs in. */
  private static final class RichMap implements MapFunction<Integer, String>, RichFunction {
    private static final long serialVersionUID = 1L;
    final List<String> calls = new ArrayList<>();
    private String prefix;

    @Override
    public void open(RuntimeContext context) {
      calls.add("open " + context.operatorName());
      prefix = context.subtaskIndex() + "/" + context.parallelism() + ":";
    }

    @Override
    public String map(Integer value) {
      return prefix + value;
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }
}
