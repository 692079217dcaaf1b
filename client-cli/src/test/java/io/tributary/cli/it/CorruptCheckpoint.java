package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Damages checkpoint directories the way a failing disk or an operator would. Stateless. */
final class CorruptCheckpoint {
  private CorruptCheckpoint() {}

  /** Cuts every state file of a checkpoint to half its length; returns one of them. */
  static Path truncateStateFiles(Path checkpoint) throws IOException {
    List<Path> files = stateFiles(checkpoint);
    for (Path f : files) {
      try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
        channel.truncate(channel.size() / 2);
      }
    }
    return files.get(0);
  }

  /** Deletes the first state file of a checkpoint or savepoint; returns its path. */
  static Path deleteOneStateFile(Path checkpoint) throws IOException {
    Path f = stateFiles(checkpoint).get(0);
    Files.delete(f);
    return f;
  }

  private static List<Path> stateFiles(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.list(checkpoint)) {
      List<Path> state = files.filter(f -> f.getFileName().toString().endsWith(".state")).sorted().toList();
      assertThat(state).as("state files in %s", checkpoint).isNotEmpty();
      return state;
    }
  }
}
