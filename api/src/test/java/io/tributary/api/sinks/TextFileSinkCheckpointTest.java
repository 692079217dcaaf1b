package io.tributary.api.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.operators.SinkOperator;
import io.tributary.api.testing.OperatorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text file sink commits part files only when their checkpoint completes, exactly once across crashes. */
class TextFileSinkCheckpointTest {
  @TempDir Path dir;

  private OperatorHarness<String, Void> fresh(int parallelism, int subtask) throws Exception {
    return OperatorHarness.forOperator(new SinkOperator<>(new TextFileSink<String>(dir.toString())))
        .withParallelism(parallelism, subtask).open();
  }

  private OperatorHarness<String, Void> restored(List<OperatorSnapshot> snapshots, long checkpoint, int parallelism,
      int subtask) throws Exception {
    return OperatorHarness.restore(new SinkOperator<>(new TextFileSink<String>(dir.toString())), snapshots, checkpoint,
        parallelism, subtask).open();
  }

  @Test
  void nothingIsFinalBeforeTheCheckpointCompletesAndEverythingAfter() throws Exception {
    try (var sink = fresh(1, 0)) {
      sink.processElement("a").processElement("b");
      sink.snapshot(1);
      assertThat(names()).containsExactly("part-0-1.txt.pending");
      sink.processElement("c");
      sink.snapshot(2);
      assertThat(names()).containsExactly("part-0-1.txt.pending", "part-0-2.txt.pending");

      sink.notifyCheckpointComplete(1);
      assertThat(names()).containsExactly("part-0-1.txt", "part-0-2.txt.pending");
      assertThat(Files.readAllLines(dir.resolve("part-0-1.txt"))).containsExactly("a", "b");

      sink.snapshot(3);
      sink.notifyCheckpointComplete(3);
      assertThat(names()).as("a completed checkpoint commits the pending files of earlier ones")
          .containsExactly("part-0-1.txt", "part-0-2.txt");
    }
  }

  @Test
  void aCrashBetweenSnapshotAndCompletionCommitsExactlyOnceAndDropsWhatCameAfter() throws Exception {
    OperatorSnapshot atTwo;
    try (var sink = fresh(1, 0)) {
      sink.processElement("a");
      sink.snapshot(1);
      sink.notifyCheckpointComplete(1);
      sink.processElement("b");
      atTwo = sink.snapshot(2);
      sink.processElement("c");
      sink.snapshot(3);
      sink.processElement("d");
      // crash: checkpoint 2 completed in the coordinator, but no notification arrived; 3 never completed
    }
    assertThat(names()).containsExactly("part-0-1.txt", "part-0-2.txt.pending", "part-0-3.txt.inprogress",
        "part-0-3.txt.pending");

    try (var sink = restored(List.of(atTwo), 2, 1, 0)) {
      assertThat(names()).containsExactly("part-0-1.txt", "part-0-2.txt");
      sink.processElement("c").processElement("d");
    }
    try (var sink = restored(List.of(atTwo), 2, 1, 0)) {
      sink.processElement("c").processElement("d").processElement("e");
      sink.endInput();
    }

    assertThat(names()).containsExactly("part-0-1.txt", "part-0-2-end.txt", "part-0-2.txt");
    assertThat(finalLines()).containsExactly("a", "c", "d", "e", "b");
  }

  @Test
  void rescalingCommitsEveryOldSubtasksPendingFilesAndRemovesTheirStrayOnes() throws Exception {
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (var sink = fresh(3, i)) {
        sink.processElement("s" + i);
        snapshots.add(sink.snapshot(4));
        sink.processElement("lost" + i);
      }
    }

    try (var a = restored(snapshots, 4, 2, 0); var b = restored(snapshots, 4, 2, 1)) {
      assertThat(names()).containsExactly("part-0-4.txt", "part-1-4.txt", "part-2-4.txt");
      a.processElement("x").endInput();
      b.endInput();
    }
    assertThat(finalLines()).containsExactlyInAnyOrder("s0", "s1", "s2", "x");
  }

  @Test
  void withoutCheckpointsTheWholeOutputIsCommittedAtTheEnd() throws Exception {
    try (var sink = fresh(2, 1)) {
      sink.processElement("a").processElement("b");
      assertThat(names()).containsExactly("part-1-0.txt.inprogress");
      sink.endInput();
    }
    try (var sink = fresh(2, 0)) {
      sink.endInput();
    }
    assertThat(names()).containsExactly("part-0-0.txt", "part-1-0.txt");
    assertThat(Files.readAllLines(dir.resolve("part-1-0.txt"))).containsExactly("a", "b");
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private List<String> finalLines() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String name : names()) {
      if (name.endsWith(".txt")) {
        lines.addAll(Files.readAllLines(dir.resolve(name)));
      }
    }
    return lines;
  }
}
