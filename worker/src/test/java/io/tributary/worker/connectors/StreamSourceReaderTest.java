package io.tributary.worker.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamSource;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSourceReaderTest {
  @Test
  void aCheckpointTakenRightAfterARestoreKeepsTheRestoredPositions() {
    StreamSourceReader<String> reader =
        new StreamSourceReader<>(null, StreamSource.utf8("clicks", StartingPosition.TRIM_HORIZON), 0, 1, Clock.systemUTC());
    reader.restore(List.of(
        new StreamSourceReader.ShardPosition("shard-000000000000", 41, false),
        new StreamSourceReader.ShardPosition("shard-000000000001", 7, true)));

    // No poll yet: the shards are not reopened, but their positions must not be lost.
    assertThat(reader.snapshotState(2)).containsExactlyInAnyOrder(
        new StreamSourceReader.ShardPosition("shard-000000000000", 41, false),
        new StreamSourceReader.ShardPosition("shard-000000000001", 7, true));
  }
}
