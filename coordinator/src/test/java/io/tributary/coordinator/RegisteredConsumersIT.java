package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tributary.common.stream.MetadataJson;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.ListConsumersRequest;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.StreamAdminGrpc.StreamAdminBlockingStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegisteredConsumersIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer coordinator;

  @BeforeEach
  void start() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    coordinator = kit.startLeader();
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("clicks", 1));
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private StreamAdminBlockingStub streams() {
    return kit.streams(coordinator);
  }

  @Test
  void consumersAreRegisteredListedDescribedAndDeregistered() throws Exception {
    RegisteredConsumer created = streams().registerConsumer(register("clicks", "billing"));

    assertThat(created).isEqualTo(RegisteredConsumer.newBuilder().setName("billing").setStream("clicks")
        .setCreatedMillis(CoordinatorTestKit.START_MILLIS).build());
    assertThat(MetadataJson.read(kit.zk().getData().forPath(kit.paths.registeredConsumer("clicks", "billing")),
        ConsumerRecord.class)).isEqualTo(new ConsumerRecord("billing", "clicks", CoordinatorTestKit.START_MILLIS));
    streams().registerConsumer(register("clicks", "audit"));
    assertThat(streams().listConsumers(list("clicks")).getConsumersList()).extracting(RegisteredConsumer::getName)
        .containsExactly("audit", "billing");
    assertThat(streams().describeStream(DescribeStreamRequest.newBuilder().setName("clicks").build())
        .getConsumersList()).containsExactly(streams().listConsumers(list("clicks")).getConsumersList()
            .toArray(RegisteredConsumer[]::new));

    streams().deregisterConsumer(deregister("clicks", "billing"));

    assertThat(streams().listConsumers(list("clicks")).getConsumersList()).extracting(RegisteredConsumer::getName)
        .containsExactly("audit");
  }

  @Test
  void badRegistrationsAreRefusedWithTheirFix() {
    streams().registerConsumer(register("clicks", "billing"));

    assertFails(() -> streams().registerConsumer(register("clicks", "billing")), Status.Code.ALREADY_EXISTS,
        "ResourceInUse", "consumer 'billing' is already registered on stream 'clicks'");
    assertFails(() -> streams().registerConsumer(register("nope", "billing")), Status.Code.NOT_FOUND,
        "ResourceNotFound", "stream 'nope' does not exist");
    assertFails(() -> streams().listConsumers(list("nope")), Status.Code.NOT_FOUND, "ResourceNotFound",
        "stream 'nope' does not exist");
    assertFails(() -> streams().deregisterConsumer(deregister("clicks", "ghost")), Status.Code.NOT_FOUND,
        "ResourceNotFound", "consumer 'ghost' is not registered on stream 'clicks'; list them with");
    assertFails(() -> streams().registerConsumer(register("clicks", "bad name")), Status.Code.INVALID_ARGUMENT,
        "InvalidArgument", "invalid consumer name 'bad name'");
    for (int i = 1; i < 20; i++) {
      streams().registerConsumer(register("clicks", "c" + i));
    }
    assertFails(() -> streams().registerConsumer(register("clicks", "c20")), Status.Code.RESOURCE_EXHAUSTED,
        "LimitExceeded", "already has 20 registered consumers");
  }

  @Test
  void aStandbyListsButDoesNotRegister() {
    streams().registerConsumer(register("clicks", "billing"));
    CoordinatorServer standby = kit.startCoordinator();

    assertThat(kit.streams(standby).listConsumers(list("clicks")).getConsumersCount()).isEqualTo(1);
    assertFails(() -> kit.streams(standby).registerConsumer(register("clicks", "other")),
        Status.Code.FAILED_PRECONDITION, "NotLeader", "");
  }

  static RegisterConsumerRequest register(String stream, String name) {
    return RegisterConsumerRequest.newBuilder().setStream(stream).setConsumerName(name).build();
  }

  static DeregisterConsumerRequest deregister(String stream, String name) {
    return DeregisterConsumerRequest.newBuilder().setStream(stream).setConsumerName(name).build();
  }

  static ListConsumersRequest list(String stream) {
    return ListConsumersRequest.newBuilder().setStream(stream).build();
  }
}
