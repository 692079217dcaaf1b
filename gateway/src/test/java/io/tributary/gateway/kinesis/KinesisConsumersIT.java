package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.TributaryClient;
import io.tributary.gateway.GatewayServer;
import io.tributary.gateway.InProcessCluster;
import io.tributary.gateway.OperationTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Kinesis consumer registration through the official SDK against a gateway over a real ZooKeeper,
 * coordinator and broker: the ARNs, statuses and timestamps the SDK parses, paging, and the errors
 * of duplicates, stale ARNs and deregistered consumers.
 */
class KinesisConsumersIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String STREAM = "cons-a";

  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static TributaryClient client;
  private static GatewayServer gateway;
  private static KinesisClient kinesis;
  private static String streamArn;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "consumers-it");
    client = cluster.client();
    OperationTable.Builder table = OperationTable.builder();
    new KinesisStreamOps(client, Arns.defaults()).register(table);
    new KinesisConsumerOps(client, Arns.defaults(), Clock.systemUTC()).register(table);
    gateway = cluster.serve(table.build());
    kinesis = cluster.sdk(KinesisClient.builder());
    kinesis.createStream(r -> r.streamName(STREAM).shardCount(1));
    streamArn = Arns.defaults().stream(STREAM);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the SDK clients it made
    }
  }

  @Test
  void aConsumerIsRegisteredDescribedListedAndDeregistered() {
    Instant before = Instant.now().minusSeconds(60);
    Consumer registered = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-1"))
        .consumer();
    assertThat(registered.consumerName()).isEqualTo("app-1");
    assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
    assertThat(registered.consumerCreationTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(60));
    assertThat(registered.consumerARN()).isEqualTo(streamArn + "/consumer/app-1:"
        + registered.consumerCreationTimestamp().getEpochSecond());

    ConsumerDescription byArn = kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN()))
        .consumerDescription();
    assertThat(byArn.consumerName()).isEqualTo("app-1");
    assertThat(byArn.streamARN()).isEqualTo(streamArn);
    assertThat(byArn.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
    assertThat(byArn.consumerCreationTimestamp()).isEqualTo(registered.consumerCreationTimestamp());
    ConsumerDescription byName = kinesis.describeStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-1"))
        .consumerDescription();
    assertThat(byName.consumerARN()).isEqualTo(registered.consumerARN());

    kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-2"));
    ListStreamConsumersResponse first = kinesis.listStreamConsumers(r -> r.streamARN(streamArn).maxResults(1));
    assertThat(first.consumers()).extracting(Consumer::consumerARN).containsExactly(registered.consumerARN());
    ListStreamConsumersResponse second = kinesis.listStreamConsumers(r -> r.streamARN(streamArn)
        .nextToken(first.nextToken()));
    assertThat(second.consumers()).extracting(Consumer::consumerName).containsExactly("app-2");
    assertThat(second.nextToken()).isNull();

    kinesis.deregisterStreamConsumer(r -> r.consumerARN(registered.consumerARN()));
    kinesis.deregisterStreamConsumer(r -> r.streamARN(streamArn).consumerName("app-2"));
    assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(registered.consumerARN())))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).consumers()).isEmpty();
  }

  @Test
  void aDuplicateNameIsInUseAndAStaleArnIsNotFound() {
    Consumer registered = kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("dup"))
        .consumer();
    assertThatThrownBy(() -> kinesis.registerStreamConsumer(r -> r.streamARN(streamArn).consumerName("dup")))
        .isInstanceOf(ResourceInUseException.class);
    String stale = streamArn + "/consumer/dup:" + (registered.consumerCreationTimestamp().getEpochSecond() - 1);
    assertThatThrownBy(() -> kinesis.describeStreamConsumer(r -> r.consumerARN(stale)))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("registered again");
    kinesis.deregisterStreamConsumer(r -> r.consumerARN(registered.consumerARN()));
  }
}
