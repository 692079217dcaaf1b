package io.tributary.api.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.fakes.FakeOperatorContext;
import io.tributary.api.fakes.RecordingOutput;
import io.tributary.api.operators.SinkOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileSinkTest {
  @TempDir Path dir;

  @Test
  void writesInProgressAndRenamesOnFinish() throws Exception {
    Path out = dir.resolve("out");
    SinkOperator<Integer> sink = new SinkOperator<>(new TextFileSink<>(out.toString()));
    sink.open(new FakeOperatorContext(2, 3), new RecordingOutput<>());

    sink.processElement(1, 10);
    sink.processElement(22, 11);
    assertThat(names(out)).containsExactly("part-2-0.txt.inprogress");

    sink.finish();
    sink.close();

    assertThat(names(out)).containsExactly("part-2-0.txt");
    assertThat(Files.readAllLines(out.resolve("part-2-0.txt"))).containsExactly("1", "22");
  }

  @Test
  void aClosedButUnfinishedSubtaskLeavesOnlyItsInProgressFile() throws Exception {
    SinkOperator<String> sink = new SinkOperator<>(new TextFileSink<>(dir.toString()));
    sink.open(new FakeOperatorContext(0, 1), new RecordingOutput<>());
    sink.processElement("x", 1);

    sink.close();

    assertThat(names(dir)).containsExactly("part-0-0.txt.inprogress");
  }

  private static java.util.List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
