package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryMetrics;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import io.tributary.proto.v1.VertexDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeliveryAdminIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path dir;
  private CoordinatorTestKit kit;
  private CoordinatorServer leader;
  private FakeWorker worker;

  @BeforeEach
  void setUp() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    kit.registerBroker(1, "127.0.0.1:9001");
    worker = new FakeWorker("w1", 4, kit.zk(), kit.paths);
    leader = kit.startLeader();
  }

  @AfterEach
  void tearDown() {
    kit.close();
    worker.close();
  }

  private DeliveryAdminGrpc.DeliveryAdminBlockingStub delivery() {
    return DeliveryAdminGrpc.newBlockingStub(kit.channel(leader)).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private JobControlGrpc.JobControlBlockingStub jobs() {
    return JobControlGrpc.newBlockingStub(kit.channel(leader)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private DeliverySpec directPut(String name, int parallelism) {
    return new DeliverySpec(name, DeliverySpec.backingStreamName(name), true, 0, dir.toUri().toString(), Map.of(),
        1 << 20, 60_000, OutputFormat.JSON, "", Compression.NONE, null, null, "", Map.of(), true, "", 300_000,
        parallelism, 5_000);
  }

  private static CreateDeliveryStreamRequest create(String specJson, int shards) {
    return CreateDeliveryStreamRequest.newBuilder().setSpecJson(specJson).setShardCount(shards).build();
  }

  private static DescribeDeliveryStreamRequest describe(String name) {
    return DescribeDeliveryStreamRequest.newBuilder().setName(name).build();
  }

  /** A valid spec's JSON with one field changed, as a client that skipped validation would send it. */
  private static String with(DeliverySpec spec, String field, Object value) throws Exception {
    return with(spec.toJson(), field, value);
  }

  private static String with(String specJson, String field, Object value) throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(specJson);
    tree.set(field, JSON.valueToTree(value));
    return JSON.writeValueAsString(tree);
  }

  @Test
  void createsDescribesListsAndDeletesADirectPutDeliveryStream() {
    CreateDeliveryStreamResponse created = delivery().createDeliveryStream(create(directPut("clicks", 2).toJson(), 3));

    DeliveryStreamDescription d = created.getDescription();
    assertThat(d.getName()).isEqualTo("clicks");
    assertThat(d.getSourceStream()).isEqualTo("clicks-delivery-source");
    assertThat(d.getDirectPut()).isTrue();
    assertThat(d.getStatus()).isEqualTo("CREATED");
    assertThat(created.getWarningsList()).isEmpty();
    assertThat(kit.streams(leader).describeStream(DescribeStreamRequest.newBuilder()
        .setName("clicks-delivery-source").build()).getShardsCount()).isEqualTo(3);
    JobDescription job = jobs().describeJob(DescribeJobRequest.newBuilder().setJobId(d.getJobId()).build());
    assertThat(job.getName()).isEqualTo("delivery:clicks");
    assertThat(job.getParallelism()).isEqualTo(2);
    int subtasks = job.getVerticesList().stream().mapToInt(VertexDescription::getParallelism).sum();
    await().atMost(BOUND).until(() -> worker.deployments.size() == subtasks);

    reportRunning(Map.of("delivery.records_in", 10L, "delivery.bytes_in", 100L, "delivery.records_delivered", 8L,
        "delivery.objects_delivered", 1L, "delivery.oldest_undelivered_age_ms", 1500L),
        Map.of("delivery.records_in", 5L, "delivery.records_failed", 2L, "delivery.oldest_undelivered_age_ms", 700L));
    DeliveryStreamDescription active = delivery().describeDeliveryStream(describe("clicks"));
    assertThat(active.getStatus()).isEqualTo("ACTIVE");
    assertThat(active.getMetrics()).isEqualTo(DeliveryMetrics.newBuilder().setRecordsIn(15).setBytesIn(100)
        .setRecordsDelivered(8).setObjectsDelivered(1).setRecordsFailed(2).setOldestUndeliveredAgeMs(1500).build());
    assertThat(delivery().listDeliveryStreams(ListDeliveryStreamsRequest.getDefaultInstance())
        .getDeliveryStreamsList()).extracting(DeliveryStreamDescription::getName).containsExactly("clicks");

    delivery().deleteDeliveryStream(DeleteDeliveryStreamRequest.newBuilder().setName("clicks").build());

    assertThat(jobs().describeJob(DescribeJobRequest.newBuilder().setJobId(d.getJobId()).build()).getState())
        .isIn(JobState.JOB_CANCELING, JobState.JOB_CANCELED);
    assertFails(() -> kit.streams(leader).describeStream(DescribeStreamRequest.newBuilder()
        .setName("clicks-delivery-source").build()), Status.Code.NOT_FOUND, "ResourceNotFound", "clicks-delivery-source");
    assertFails(() -> delivery().describeDeliveryStream(describe("clicks")), Status.Code.NOT_FOUND,
        "ResourceNotFound", "delivery stream 'clicks' does not exist");
    assertFails(() -> delivery().deleteDeliveryStream(DeleteDeliveryStreamRequest.newBuilder().setName("clicks")
        .build()), Status.Code.NOT_FOUND, "ResourceNotFound", "'trib delivery list'");
  }

  private void reportRunning(Map<String, Long> first, Map<String, Long> second) {
    TaskReport.Builder report = TaskReport.newBuilder().setWorkerId(worker.id);
    List<TaskDeployment> deployed = worker.deployments;
    for (int i = 0; i < deployed.size(); i++) {
      report.addTasks(TaskStatus.newBuilder().setTask(deployed.get(i).getTask()).setState(TaskState.TASK_RUNNING)
          .putAllMetrics(i == 0 ? first : i == 1 ? second : Map.of()));
    }
    jobs().reportTasks(report.build());
  }

  @Test
  void aStreamSourceMustExistAndStartsAtCreation() throws Exception {
    DeliverySpec fromStream = new DeliverySpec("orders", "orders-stream", false, 0, dir.toUri().toString(), Map.of(),
        1 << 20, 60_000, OutputFormat.JSON, "", Compression.NONE, null, null, "", Map.of(), true, "", 300_000, 1,
        5_000);

    assertFails(() -> delivery().createDeliveryStream(create(fromStream.toJson(), 0)), Status.Code.NOT_FOUND,
        "ResourceNotFound", "source stream 'orders-stream' does not exist; create it with 'trib stream create");

    kit.streams(leader).createStream(CoordinatorTestKit.create("orders-stream", 1));
    DeliveryStreamDescription d = delivery().createDeliveryStream(create(fromStream.toJson(), 0)).getDescription();
    assertThat(DeliverySpec.fromJson(d.getSpecJson()).startAtMillis()).isEqualTo(CoordinatorTestKit.START_MILLIS);
    assertThat(d.getDirectPut()).isFalse();

    delivery().deleteDeliveryStream(DeleteDeliveryStreamRequest.newBuilder().setName("orders").build());
    assertThat(kit.streams(leader).describeStream(DescribeStreamRequest.newBuilder().setName("orders-stream").build())
        .getName()).as("the source stream outlives its delivery stream").isEqualTo("orders-stream");
  }

  @Test
  void refusesBadSpecsAndTakenNamesLeavingNothingBehind() throws Exception {
    DeliverySpec spec = directPut("events", 1);
    assertFails(() -> delivery().createDeliveryStream(create(with(spec, "destination", "ftp://host/x"), 0)),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "unknown destination scheme 'ftp:'");
    assertFails(() -> delivery().createDeliveryStream(create(with(spec, "prefix", "!{nope}/"), 0)),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "!{nope}");
    assertFails(() -> delivery().createDeliveryStream(create(with(spec, "bufferSizeBytes", 1000), 0)),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "buffer size 1000 bytes is below the minimum");
    assertFails(() -> delivery().createDeliveryStream(create(with(with(spec, "format", "PARQUET"),
        "parquetSchema", "message {"), 0)), Status.Code.INVALID_ARGUMENT, "InvalidArgument", "--schema");
    assertFails(() -> delivery().createDeliveryStream(create("{not json", 0)),
        Status.Code.INVALID_ARGUMENT, "InvalidArgument", "cannot read the delivery spec");
    assertThat(delivery().listDeliveryStreams(ListDeliveryStreamsRequest.getDefaultInstance())
        .getDeliveryStreamsCount()).isZero();

    delivery().createDeliveryStream(create(spec.toJson(), 0));
    assertFails(() -> delivery().createDeliveryStream(create(spec.toJson(), 0)), Status.Code.ALREADY_EXISTS,
        "ResourceInUse", "delivery stream 'events' already exists; delete it first with 'trib delivery delete events'");
    assertThat(worker.deployments).as("the refused create submitted no second job").hasSize(1);
  }
}
