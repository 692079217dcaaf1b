package io.tributary.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamMetadataJsonTest {

  @Test
  void tagsSurviveTheStoredFormSortedByKey() {
    StreamMetadata stream = new StreamMetadata("s", "u", StreamMetadata.ACTIVE, "PROVISIONED", 24, 1, 5L, 2, 0, 0)
        .withTags(Map.of("team", "ads", "env", "prod"));

    StreamMetadata read = MetadataJson.read(MetadataJson.write(stream), StreamMetadata.class);

    assertThat(read).isEqualTo(stream);
    assertThat(read.tags()).containsExactly(Map.entry("env", "prod"), Map.entry("team", "ads"));
  }

  @Test
  void aNodeWrittenBeforeTagsReadsAsUntagged() {
    byte[] old = ("{\"name\":\"s\",\"uid\":\"u\",\"status\":\"ACTIVE\",\"mode\":\"PROVISIONED\",\"retentionHours\":24,"
        + "\"replicationFactor\":1,\"createdMillis\":5,\"nextShardIndex\":2,\"minShards\":0,\"maxShards\":0}")
        .getBytes(StandardCharsets.UTF_8);

    StreamMetadata read = MetadataJson.read(old, StreamMetadata.class);

    assertThat(read.tags()).isEmpty();
    assertThat(read.withRetentionHours(48).tags()).isEmpty();
  }
}
