package io.tributary.api.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.fakes.ListSourceOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in readers snapshot their positions and resume from them, at the same or another parallelism. */
class SourceCheckpointTest {
  @TempDir Path dir;

  /** A subtask's context with the union state a restore hands the source. */
  record Context(int subtaskIndex, int parallelism, List<Object> restoredState) implements ConnectorContext {
    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public ClassLoader userClassLoader() {
      return getClass().getClassLoader();
    }

    @Override
    public <C> C connector(Class<C> type) {
      throw new IllegalStateException("no connectors here");
    }
  }

  /** Reads {@code polls} batches from every subtask, snapshots all, restores at {@code newParallelism} and drains. */
  private static <T> List<T> readSnapshotRestore(Source<T> source, int parallelism, int polls, int newParallelism)
      throws Exception {
    List<T> all = new ArrayList<>();
    List<Object> union = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      SourceReader<T> reader = source.createReader(new Context(i, parallelism, List.of()));
      ListSourceOutput<T> out = new ListSourceOutput<>();
      for (int p = 0; p < polls; p++) {
        reader.pollNext(out);
      }
      all.addAll(out.values);
      union.addAll(reader.snapshotState(1));
    }
    for (int i = 0; i < newParallelism; i++) {
      all.addAll(ListSourceOutput.drain(source.createReader(new Context(i, newParallelism, List.copyOf(union)))));
    }
    return all;
  }

  @Test
  void indexedSourcesResumeExactlyWhereTheyLeftAtTheSameParallelism() throws Exception {
    List<Source<?>> sources = List.of(new SequenceSource(-500, 4_999),
        GeneratorSource.bounded(i -> "g" + i, 0, 3_000),
        new ElementsSource<>(IntStream.range(0, 2_000).boxed().toList()));
    for (Source<?> source : sources) {
      for (int subtask = 0; subtask < 3; subtask++) {
        SourceReader<?> original = source.createReader(new Context(subtask, 3, List.of()));
        ListSourceOutput<Object> before = new ListSourceOutput<>();
        @SuppressWarnings("unchecked")
        SourceReader<Object> reader = (SourceReader<Object>) original;
        reader.pollNext(before);
        List<Object> state = reader.snapshotState(7);
        List<Object> continued = ListSourceOutput.drain(reader);

        @SuppressWarnings("unchecked")
        SourceReader<Object> restored = (SourceReader<Object>) source.createReader(new Context(subtask, 3, state));
        assertThat(ListSourceOutput.drain(restored)).isNotEmpty().containsExactlyElementsOf(continued);
      }
    }
  }

  @Test
  void indexedSourcesRescaleExactlyOnce() throws Exception {
    SequenceSource sequence = new SequenceSource(1, 10_000);
    List<Long> expected = LongStream.rangeClosed(1, 10_000).boxed().toList();
    for (int[] scale : new int[][] {{2, 3}, {3, 2}, {4, 1}, {1, 5}}) {
      assertThat(readSnapshotRestore(sequence, scale[0], 2, scale[1])).containsExactlyInAnyOrderElementsOf(expected);
    }
    GeneratorSource<Long> generator = GeneratorSource.bounded(i -> i, 0, 5_000);
    assertThat(readSnapshotRestore(generator, 3, 3, 5))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 5_000).boxed().toList());
  }

  @Test
  void unboundedGeneratorContinuesWithTheNextIndices() throws Exception {
    GeneratorSource<Long> generator = GeneratorSource.unbounded(i -> i, 0);
    List<Long> seen = new ArrayList<>();
    List<Object> union = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SourceReader<Long> reader = generator.createReader(new Context(i, 2, List.of()));
      ListSourceOutput<Long> out = new ListSourceOutput<>();
      reader.pollNext(out);
      seen.addAll(out.values);
      union.addAll(reader.snapshotState(1));
    }
    SourceReader<Long> restored = generator.createReader(new Context(0, 1, union));
    ListSourceOutput<Long> out = new ListSourceOutput<>();
    restored.pollNext(out);
    restored.pollNext(out);
    seen.addAll(out.values);

    assertThat(seen).doesNotHaveDuplicates().containsAll(LongStream.range(0, 512).boxed().toList());
  }

  @Test
  void splitsOfAFinishedSubtaskAreNotReadAgain() throws Exception {
    SequenceSource sequence = new SequenceSource(0, 999);
    SourceReader<Long> running = sequence.createReader(new Context(0, 2, List.of()));
    List<Long> before = new ArrayList<>(ListSourceOutput.drain(sequence.createReader(new Context(1, 2, List.of()))));
    ListSourceOutput<Long> out = new ListSourceOutput<>();
    running.pollNext(out);
    before.addAll(out.values);
    // subtask 1 finished: it has no state in the checkpoint, only subtask 0's positions
    List<Object> union = running.snapshotState(1);

    List<Long> after = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      after.addAll(ListSourceOutput.drain(sequence.createReader(new Context(i, 2, union))));
    }
    before.addAll(after);
    assertThat(before).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1_000).boxed().toList());
  }

  private List<String> writeFiles(int files, int lines) throws Exception {
    List<String> all = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      int file = f;
      List<String> content = IntStream.range(0, lines).mapToObj(l -> "f" + file + "-" + l).toList();
      Files.write(dir.resolve("in-" + f + ".txt"), content);
      all.addAll(content);
    }
    return all;
  }

  @Test
  void textFileSourceResumesMidFileAndRescales() throws Exception {
    List<String> all = writeFiles(5, 700);
    TextFileSource source = new TextFileSource(dir.toString());

    SourceReader<String> reader = source.createReader(new Context(1, 2, List.of()));
    ListSourceOutput<String> out = new ListSourceOutput<>();
    reader.pollNext(out);
    reader.pollNext(out);
    reader.pollNext(out);
    List<Object> state = reader.snapshotState(1);
    List<String> continued = ListSourceOutput.drain(reader);
    assertThat(ListSourceOutput.drain(source.createReader(new Context(1, 2, state))))
        .containsExactlyElementsOf(continued);

    for (int[] scale : new int[][] {{2, 3}, {3, 1}, {2, 5}}) {
      assertThat(readSnapshotRestore(source, scale[0], 4, scale[1])).containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  void textFileSourceRefusesAFileThatShrankAfterTheCheckpoint() throws Exception {
    writeFiles(1, 10);
    List<Object> state = List.of(new FilePosition(dir.resolve("in-0.txt").toString(), 50));

    SourceReader<String> reader = new TextFileSource(dir.toString()).createReader(new Context(0, 1, state));

    assertThatThrownBy(() -> ListSourceOutput.drain(reader)).hasMessageContaining("fewer lines than the 50");
  }

  @Test
  void restoringForeignStateFailsNamingTheFix() {
    List<Object> state = List.of("not a position");
    assertThatThrownBy(() -> new SequenceSource(0, 9).createReader(new Context(0, 1, state)))
        .hasMessageContaining("uid(");
    assertThatThrownBy(() -> new TextFileSource(dir.toString()).createReader(new Context(0, 1, state)))
        .hasMessageContaining("uid(");
  }

  @Test
  void textFileSourceSkipsPendingSinkFiles() throws Exception {
    Files.writeString(dir.resolve("part-0-3.txt"), "done\n");
    Files.writeString(dir.resolve("part-0-4.txt.pending"), "not yet\n");

    assertThat(TextFileSource.files(dir).stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()))
        .containsExactly("part-0-3.txt");
  }
}
