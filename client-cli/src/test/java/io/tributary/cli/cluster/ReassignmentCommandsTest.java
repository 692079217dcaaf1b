package io.tributary.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeCoordinator;
import io.tributary.cli.output.Json;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.DrainBrokerRequest;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.ReassignmentProgress;
import io.tributary.proto.v1.RebalanceRequest;
import io.tributary.proto.v1.ReplicaMove;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code trib broker drain} and {@code trib cluster rebalance} against a coordinator streaming scripted progress. */
class ReassignmentCommandsTest {
  private static final ReplicaMove MOVE_2 = ReplicaMove.newBuilder().setStream("clicks")
      .setShardId("shardId-000000000002").addFromReplicas(1).addFromReplicas(2).addFromReplicas(3)
      .addToReplicas(1).addToReplicas(2).addToReplicas(4).setFromLeader(3).setToLeader(1).build();
  private static final ReplicaMove MOVE_5 = ReplicaMove.newBuilder().setStream("clicks")
      .setShardId("shardId-000000000005").addFromReplicas(3).addFromReplicas(1)
      .addToReplicas(4).addToReplicas(1).setFromLeader(1).setToLeader(1).build();
  private static final List<ReassignmentProgress> TWO_MOVES = List.of(
      ReassignmentProgress.newBuilder().setPlanned(2).setMessage("planned 2 moves off broker 3").build(),
      ReassignmentProgress.newBuilder().setPlanned(2).setFinished(1).setMove(MOVE_2).build(),
      ReassignmentProgress.newBuilder().setPlanned(2).setFinished(2).setMove(MOVE_5).setDone(true).build());

  private final FakeCoordinator coordinator = new FakeCoordinator();

  @AfterEach
  void stop() {
    coordinator.close();
  }

  @Test
  void drainPrintsOneLinePerReportThenASummary() {
    coordinator.reassignment = TWO_MOVES;

    TestCli.Result r = trib("broker", "drain", "3");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((DrainBrokerRequest) coordinator.requests.get(0)).getBrokerId()).isEqualTo(3);
    assertThat(r.outLines()).containsExactly(
        "[0/2] planned 2 moves off broker 3",
        "[1/2] moved shard shardId-000000000002 of 'clicks': replicas [1,2,3] -> [1,2,4], leader 3 -> 1",
        "[2/2] moved shard shardId-000000000005 of 'clicks': replicas [3,1] -> [4,1], leader 1",
        "Drain of broker 3: 2 of 2 move(s) done.");
  }

  @Test
  void aReportedErrorExitsOneWithItsMessage() {
    coordinator.reassignment = List.of(TWO_MOVES.get(0), TWO_MOVES.get(1),
        ReassignmentProgress.newBuilder().setPlanned(2).setFinished(1).setDone(true)
            .setError(ErrorDetail.newBuilder().setCode("Unavailable")
                .setMessage("broker 4 did not catch up on shardId-000000000005 within 60000 ms"))
            .build());

    TestCli.Result r = trib("broker", "drain", "3");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.outLines()).hasSize(3);
    assertThat(r.errLines()).containsExactly("Unavailable: Drain of broker 3 stopped after 1 of 2 moves: "
        + "broker 4 did not catch up on shardId-000000000005 within 60000 ms");
  }

  @Test
  void aBrokenStreamExitsOneAfterPrintingWhatArrived() {
    coordinator.reassignment = TWO_MOVES.subList(0, 2);
    coordinator.reassignmentBreak = new TributaryException(ErrorCode.UNAVAILABLE, "coordinator c1 is shutting down");

    TestCli.Result r = trib("cluster", "rebalance");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.outLines()).hasSize(2);
    assertThat(r.err()).startsWith("Unavailable: rebalance stopped after 1 of 2 moves: ")
        .contains("coordinator c1 is shutting down");
  }

  @Test
  void aDryRunAsksForOneAndSaysNothingChanged() {
    coordinator.reassignment = List.of(
        ReassignmentProgress.newBuilder().setPlanned(1).setMove(MOVE_2).build(),
        ReassignmentProgress.newBuilder().setPlanned(1).setDone(true).build());

    TestCli.Result r = trib("cluster", "rebalance", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((RebalanceRequest) coordinator.requests.get(0)).getDryRun()).isTrue();
    assertThat(r.outLines()).containsExactly(
        "[0/1] planned shard shardId-000000000002 of 'clicks': replicas [1,2,3] -> [1,2,4], leader 3 -> 1",
        "[0/1] done",
        "Rebalance plan: 1 move(s) planned (dry run: nothing was changed).");
  }

  @Test
  void jsonIsOneArrayWithOneReportPerLine() throws Exception {
    coordinator.reassignment = TWO_MOVES;

    TestCli.Result r = trib("--output", "json", "cluster", "rebalance");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.outLines()).hasSize(5);
    JsonNode reports = Json.MAPPER.readTree(r.out());
    assertThat(reports).hasSize(3);
    JsonNode move = reports.get(1).get("move");
    assertThat(move.get("shardId").asText()).isEqualTo("shardId-000000000002");
    assertThat(move.get("toReplicas")).extracting(JsonNode::asInt).containsExactly(1, 2, 4);
    assertThat(move.get("fromLeader").asInt()).isEqualTo(3);
    assertThat(reports.get(2).get("done").asBoolean()).isTrue();
    assertThat(reports.get(2).get("finished").asInt()).isEqualTo(2);
  }

  @Test
  void jsonStaysOneDocumentWhenTheStreamBreaks() throws Exception {
    coordinator.reassignment = TWO_MOVES.subList(0, 1);
    coordinator.reassignmentBreak = new TributaryException(ErrorCode.UNAVAILABLE, "connection reset");

    TestCli.Result r = trib("--output", "json", "broker", "drain", "3");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(r.out())).hasSize(1);
  }

  private TestCli.Result trib(String... args) {
    String[] all = Stream.concat(Stream.of("--coordinator", coordinator.address()), Arrays.stream(args))
        .toArray(String[]::new);
    return TestCli.run(all);
  }
}
