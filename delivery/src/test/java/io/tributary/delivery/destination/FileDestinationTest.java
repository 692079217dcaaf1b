package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.delivery.spec.DestinationUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDestinationTest {
  @TempDir Path dir;

  private Destination open(Path root) {
    return Destinations.open(DestinationUri.parse("file://" + root), Map.of());
  }

  private static DeliveryBatch batch(String key, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new DeliveryBatch(key, b, List.of(), 1, b.length, 0);
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void writesTheObjectUnderItsKeyCreatingParentsAndLeavesNoTempFile() throws Exception {
    Path root = dir.resolve("out");
    try (Destination d = open(root)) {
      d.deliver(batch("year=2026/month=11/clicks-1", "{\"a\":1}\n"));
    }
    assertThat(files(root)).containsExactly(Path.of("year=2026/month=11/clicks-1"));
    assertThat(Files.readString(root.resolve("year=2026/month=11/clicks-1"))).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void deliveringTheSameBatchTwiceLeavesOneFileWithItsBytes() throws Exception {
    try (Destination d = open(dir)) {
      d.deliver(batch("p/o-1", "first"));
      d.deliver(batch("p/o-1", "first"));
      d.deliver(batch("p/o-2", "second"));
    }
    assertThat(files(dir)).containsExactly(Path.of("p/o-1"), Path.of("p/o-2"));
    assertThat(Files.readString(dir.resolve("p/o-1"))).isEqualTo("first");
  }

  @Test
  void replacesAnEarlierPartialCopyAtomically() throws Exception {
    Files.createDirectories(dir.resolve("p"));
    Files.writeString(dir.resolve("p/o-1"), "fir");
    try (Destination d = open(dir)) {
      d.deliver(batch("p/o-1", "first"));
    }
    assertThat(Files.readString(dir.resolve("p/o-1"))).isEqualTo("first");
    assertThat(files(dir)).containsExactly(Path.of("p/o-1"));
  }

  @Test
  void refusesKeysThatLeaveTheDirectory() throws Exception {
    try (Destination d = open(dir.resolve("out"))) {
      assertThatThrownBy(() -> d.deliver(batch("../escape", "x")))
          .hasMessageContaining("file://" + dir.resolve("out")).hasMessageContaining("leaves the directory");
    }
    assertThat(files(dir)).isEmpty();
  }

  @Test
  void failsNamingTheDestinationWhenTheDirectoryCannotBeCreated() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    try (Destination d = open(dir)) {
      assertThatThrownBy(() -> d.deliver(batch("blocker/o-1", "x")))
          .hasMessageContaining("file destination file://" + dir).hasMessageContaining("cannot write");
    }
  }
}
