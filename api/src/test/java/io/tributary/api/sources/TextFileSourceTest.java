package io.tributary.api.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.fakes.FakeOperatorContext;
import io.tributary.api.fakes.ListSourceOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileSourceTest {
  @TempDir Path dir;

  @Test
  void threeSubtasksReadEveryLineOfADirectoryExactlyOnce() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 7; f++) {
      int file = f;
      List<String> lines = IntStream.range(0, 300 + f).mapToObj(i -> "file" + file + "-line" + i).toList();
      Files.write(dir.resolve("input-" + f + ".txt"), lines);
      expected.addAll(lines);
    }
    Files.writeString(dir.resolve(".hidden"), "skipped\n");
    Files.writeString(dir.resolve("part-0-0.txt.inprogress"), "unfinished\n");

    TextFileSource source = new TextFileSource(dir.toString());
    List<String> read = new ArrayList<>();
    List<Integer> perSubtask = new ArrayList<>();
    for (int subtask = 0; subtask < 3; subtask++) {
      try (SourceReader<String> reader = source.createReader(new FakeOperatorContext(subtask, 3))) {
        List<String> lines = ListSourceOutput.drain(reader);
        perSubtask.add(lines.size());
        read.addAll(lines);
      }
    }

    assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(perSubtask).allMatch(n -> n > 0);
    assertThat(source.bounded()).isTrue();
  }

  @Test
  void readsASingleFileAndEmitsBoundedBatches() throws Exception {
    Path file = dir.resolve("one.txt");
    Files.writeString(file, IntStream.range(0, 1000).mapToObj(Integer::toString).collect(Collectors.joining("\n")));
    SourceReader<String> reader = new TextFileSource(file.toString()).createReader(new FakeOperatorContext(0, 1));

    ListSourceOutput<String> output = new ListSourceOutput<>();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
    assertThat(output.values).hasSizeLessThanOrEqualTo(256);
    assertThat(ListSourceOutput.drain(reader)).hasSize(1000 - output.values.size());
    reader.close();
  }

  @Test
  void missingPathNamesItself() {
    TextFileSource source = new TextFileSource(dir.resolve("nope").toString());
    assertThatThrownBy(() -> source.createReader(new FakeOperatorContext(0, 1)))
        .hasMessageContaining("nope")
        .hasMessageContaining("neither a file nor a directory");
  }
}
