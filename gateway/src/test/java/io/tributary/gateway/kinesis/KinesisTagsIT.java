package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.TributaryClient;
import io.tributary.gateway.InProcessCluster;
import io.tributary.gateway.OperationTable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Kinesis tagging through the official SDK against a gateway over a real ZooKeeper, coordinator and
 * broker: tags given at creation, added, overwritten, removed and listed page by page, the ARN-based
 * operations, and the errors of Kinesis's limits and of unknown streams.
 */
class KinesisTagsIT {
  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static TributaryClient client;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "tags-it");
    client = cluster.client();
    OperationTable.Builder table = OperationTable.builder();
    new KinesisStreamOps(client, Arns.defaults()).register(table);
    new KinesisTagOps(client, Arns.defaults()).register(table);
    cluster.serve(table.build());
    // LimitExceeded is a throttling error to the SDK: without this it would retry before failing.
    kinesis = cluster.sdk(KinesisClient.builder()
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the SDK clients it made
    }
  }

  @Test
  void tagsAreGivenAtCreationAddedOverwrittenRemovedAndListedInPages() {
    kinesis.createStream(r -> r.streamName("tags-a").shardCount(1).tags(Map.of("team", "ads")));
    kinesis.addTagsToStream(r -> r.streamName("tags-a").tags(Map.of("env", "prod", "team", "growth")));
    kinesis.addTagsToStream(r -> r.streamARN(Arns.defaults().stream("tags-a")).tags(Map.of("cost center", "42")));
    kinesis.removeTagsFromStream(r -> r.streamName("tags-a").tagKeys("env", "never-set"));

    assertThat(kinesis.listTagsForStream(r -> r.streamName("tags-a")).tags())
        .containsExactly(tag("cost center", "42"), tag("team", "growth"));
    ListTagsForStreamResponse first = kinesis.listTagsForStream(r -> r.streamName("tags-a").limit(1));
    assertThat(first.tags()).containsExactly(tag("cost center", "42"));
    assertThat(first.hasMoreTags()).isTrue();
    ListTagsForStreamResponse second = kinesis.listTagsForStream(
        r -> r.streamName("tags-a").limit(1).exclusiveStartTagKey(first.tags().get(0).key()));
    assertThat(second.tags()).containsExactly(tag("team", "growth"));
    assertThat(second.hasMoreTags()).isFalse();
    assertThat(client.describeStream("tags-a", false).getTagsMap())
        .containsOnly(Map.entry("cost center", "42"), Map.entry("team", "growth"));
  }

  @Test
  void theArnOperationsTagStreamsAndRefuseConsumers() {
    String arn = Arns.defaults().stream("tags-b");
    kinesis.createStream(r -> r.streamName("tags-b").shardCount(1));

    kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("a", "1", "b", "2")));
    kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("a"));

    assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags()).containsExactly(tag("b", "2"));
    assertThatThrownBy(() -> kinesis.tagResource(r -> r.resourceARN(arn + "/consumer/app:1700000000")
        .tags(Map.of("a", "1"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("consumer tags are not kept");
  }

  @Test
  void limitsAndUnknownStreamsAreTheSdksExceptions() {
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    kinesis.createStream(r -> r.streamName("tags-c").shardCount(1).tags(fifty));

    assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName("tags-c").tags(Map.of("one-more", "v"))))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("51 tags, more than the limit of 50");
    assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName("tags-c").tags(Map.of("k0", "bad*value"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("value of tag 'k0' is invalid");
    assertThatThrownBy(() -> kinesis.removeTagsFromStream(r -> r.streamName("tags-c").tagKeys(keys(51))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit of 50 per request");
    assertThatThrownBy(() -> kinesis.listTagsForStream(r -> r.streamName("tags-c").limit(51)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> kinesis.addTagsToStream(r -> r.streamName("nope").tags(Map.of("a", "1"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> kinesis.listTagsForResource(r -> r.resourceARN(Arns.defaults().stream("nope"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(client.describeStream("tags-c", false).getTagsMap()).isEqualTo(fifty);
  }

  private static List<String> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> "x" + i).toList();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
