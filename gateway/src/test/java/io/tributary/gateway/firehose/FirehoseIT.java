package io.tributary.gateway.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.ReceivedRecord;
import io.tributary.client.TributaryClient;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.gateway.GatewayServer;
import io.tributary.gateway.InProcessCluster;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.client.Position;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.StreamMode;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * Firehose operations through the official SDK (JSON over HTTP/1.1) against a gateway over a real
 * ZooKeeper, coordinator and broker. No worker runs, so delivery jobs never start: records are checked
 * in the delivery stream's backing stream with the native client.
 */
class FirehoseIT {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static IdleWorker worker;
  private static TributaryClient client;
  private static GatewayServer gateway;
  private static FirehoseClient firehose;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "firehose-it");
    client = cluster.client();
    worker = new IdleWorker(cluster.zookeeperAddress(), "firehose-it");
    await().atMost(BOUND).ignoreExceptions()
        .until(() -> client.clusterStatus().getCoordinatorsList().stream().anyMatch(c -> c.getLeader()));
    OperationTable.Builder table = OperationTable.builder();
    new FirehoseOps(client, List.of(cluster.coordinatorAddress()), BOUND, Arns.defaults()).register(table);
    gateway = cluster.serve(table.build());
    firehose = cluster.sdk(FirehoseClient.builder());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {worker, cluster}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** Creates a direct-put delivery stream to a local directory through the coordinator's own service. */
  private static void createNatively(String name) {
    createNatively(name, DeliverySpec.backingStreamName(name), true, 2);
  }

  private static void createNatively(String name, String source, boolean directPut, int shards) {
    DeliverySpec spec = new DeliverySpec(name, source, directPut, 0,
        dir.resolve("out-" + name).toUri().toString(), Map.of(), 1024 * 1024, 60_000, OutputFormat.JSON, "",
        Compression.NONE, null, null, "", Map.of(), true, "", 300_000, 1, 5_000);
    ManagedChannel channel = GrpcChannels.forAddress(cluster.coordinatorAddress());
    try {
      DeliveryAdminGrpc.newBlockingStub(channel).createDeliveryStream(
          CreateDeliveryStreamRequest.newBuilder().setSpecJson(spec.toJson()).setShardCount(shards).build());
    } finally {
      GrpcChannels.close(channel);
    }
  }

  @Test
  void batchedRecordsReachTheBackingStreamAndTheStreamIsDescribedListedAndDeleted() {
    createNatively("fh-a");
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(Record.builder().data(SdkBytes.fromUtf8String("r" + i)).build());
    }
    PutRecordBatchResponse batch = firehose.putRecordBatch(r -> r.deliveryStreamName("fh-a").records(records));
    assertThat(batch.failedPutCount()).isZero();
    assertThat(batch.requestResponses()).hasSize(20).allSatisfy(e -> {
      assertThat(e.recordId()).isNotEmpty();
      assertThat(e.errorCode()).isNull();
    });
    String single = firehose.putRecord(r -> r.deliveryStreamName("fh-a")
        .record(Record.builder().data(SdkBytes.fromUtf8String("one")).build())).recordId();
    assertThat(single).isNotEmpty();
    assertThat(backingData("fh-a")).hasSize(21).contains("r0", "r19", "one");

    DeliveryStreamDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("fh-a"))
        .deliveryStreamDescription();
    assertThat(d.deliveryStreamName()).isEqualTo("fh-a");
    assertThat(d.deliveryStreamARN()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/fh-a");
    assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
    assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    assertThat(d.createTimestamp()).isNotNull();
    assertThat(d.destinations()).hasSize(1);
    assertThat(firehose.listDeliveryStreams(r -> r.limit(10)).deliveryStreamNames()).contains("fh-a");

    firehose.deleteDeliveryStream(r -> r.deliveryStreamName("fh-a"));
    assertThat(firehose.listDeliveryStreams(r -> r.limit(10)).deliveryStreamNames()).doesNotContain("fh-a");
    assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("fh-a")
        .record(Record.builder().data(SdkBytes.fromUtf8String("late")).build())))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("fh-a");
  }

  @Test
  void writesToADeliveryStreamReadingAKinesisStreamAreRefusedWithTheSourceToWriteTo() {
    client.createStream("fh-orders", 1, 0, 0, StreamMode.PROVISIONED);
    createNatively("fh-from-orders", "fh-orders", false, 0);
    Record record = Record.builder().data(SdkBytes.fromUtf8String("x")).build();
    assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("fh-from-orders").record(record)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("KinesisStreamAsSource").hasMessageContaining("write to the source stream 'fh-orders'");
    assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("fh-from-orders").records(record)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'fh-orders'");
  }

  @Test
  void unknownDeliveryStreamsAreNotFound() {
    assertThatThrownBy(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName("fh-none")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> firehose.deleteDeliveryStream(r -> r.deliveryStreamName("fh-none")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("fh-none")
        .records(Record.builder().data(SdkBytes.fromUtf8String("x")).build())))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("fh-none");
  }

  @Test
  void anHttpEndpointDeliveryStreamIsCreatedAndDescribedThroughTheSdk() {
    String arn = firehose.createDeliveryStream(r -> r.deliveryStreamName("fh-http")
        .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
        .httpEndpointDestinationConfiguration(c -> c
            .endpointConfiguration(e -> e.url("http://127.0.0.1:9/ingest").accessKey("k-1"))
            .bufferingHints(b -> b.sizeInMBs(1).intervalInSeconds(60))
            .s3Configuration(s3 -> s3.bucketARN("arn:aws:s3:::backup").roleARN("arn:aws:iam::000000000000:role/x"))))
        .deliveryStreamARN();
    assertThat(arn).endsWith("deliverystream/fh-http");
    DeliveryStreamDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("fh-http"))
        .deliveryStreamDescription();
    assertThat(d.destinations()).singleElement().satisfies(dest -> {
      assertThat(dest.httpEndpointDestinationDescription().endpointConfiguration().url())
          .isEqualTo("http://127.0.0.1:9/ingest");
      assertThat(dest.httpEndpointDestinationDescription().bufferingHints().intervalInSeconds()).isEqualTo(60);
    });
    firehose.deleteDeliveryStream(r -> r.deliveryStreamName("fh-http"));
  }

  @Test
  void anS3DeliveryStreamIsCreatedAndDescribedThroughTheSdk() {
    firehose.createDeliveryStream(r -> r.deliveryStreamName("fh-s3")
        .extendedS3DestinationConfiguration(c -> c.bucketARN("arn:aws:s3:::logs").prefix("raw/")
            .compressionFormat("GZIP").roleARN("arn:aws:iam::000000000000:role/x")));
    DeliveryStreamDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("fh-s3"))
        .deliveryStreamDescription();
    assertThat(d.destinations()).singleElement().satisfies(dest -> {
      assertThat(dest.extendedS3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::logs");
      assertThat(dest.extendedS3DestinationDescription().prefix()).isEqualTo("raw/");
      assertThat(dest.extendedS3DestinationDescription().compressionFormatAsString()).isEqualTo("GZIP");
    });
    firehose.deleteDeliveryStream(r -> r.deliveryStreamName("fh-s3"));
  }

  @Test
  void unsupportedDestinationsAreRefusedByName() {
    assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("fh-b")
            .redshiftDestinationConfiguration(c -> c.clusterJDBCURL("jdbc:redshift://x"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ExtendedS3DestinationConfiguration");
    assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("fh-b")
            .extendedS3DestinationConfiguration(c -> c.bucketARN("arn:aws:s3:::b").compressionFormat("ZIP"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ZIP");
  }

  private static List<String> backingData(String name) {
    String stream = DeliverySpec.backingStreamName(name);
    List<String> data = new ArrayList<>();
    for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
      String iterator = client.getShardIterator(stream, shard, Position.trimHorizon());
      for (ReceivedRecord r : client.getRecords(stream, shard, iterator, 1000).records()) {
        data.add(new String(r.data(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return data;
  }
}
