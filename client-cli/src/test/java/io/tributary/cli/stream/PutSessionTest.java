package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.client.PutResult;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PutSessionTest {
  private final StringWriter text = new StringWriter();

  @Test
  void acknowledgedRecordsArePrintedInInputOrderWhateverOrderTheySettleIn() throws Exception {
    PutSession session = session(OutputFormat.JSON);
    CompletableFuture<PutResult> a = new CompletableFuture<>();
    CompletableFuture<PutResult> b = new CompletableFuture<>();
    session.sent(a, "ka");
    session.sent(b, "kb");
    b.complete(PutResult.ok("shardId-000000000001", 0));
    session.sent(CompletableFuture.completedFuture(PutResult.ok("shardId-000000000001", 1)), "kc");
    assertThat(text.toString()).doesNotContain("ka", "kb", "kc");
    a.complete(PutResult.ok("shardId-000000000000", 5));
    CompletableFuture<PutResult> d = new CompletableFuture<>();
    session.sent(d, "kd");
    assertThat(text.toString()).contains("\"ka\"", "\"kb\"", "\"kc\"").doesNotContain("kd");
    d.complete(PutResult.ok("shardId-000000000000", 6));

    session.finish();

    JsonNode array = Json.MAPPER.readTree(text.toString());
    assertThat(array.size()).isEqualTo(4);
    assertThat(array.get(0).get("partitionKey").asText()).isEqualTo("ka");
    assertThat(array.get(0).get("shard").asText()).isEqualTo("shardId-000000000000");
    assertThat(array.get(0).get("sequence").asLong()).isEqualTo(5);
    assertThat(array.get(1).get("partitionKey").asText()).isEqualTo("kb");
    assertThat(array.get(2).get("partitionKey").asText()).isEqualTo("kc");
    assertThat(array.get(3).get("partitionKey").asText()).isEqualTo("kd");
    assertThat(session.error()).isNull();
  }

  @Test
  void afterAFailureEveryAcknowledgedRecordIsStillReportedAndTheFirstErrorKept() throws Exception {
    PutSession session = session(OutputFormat.JSON);
    session.sent(CompletableFuture.completedFuture(PutResult.ok("s0", 0)), "k0");
    session.sent(CompletableFuture.completedFuture(
        PutResult.failed("s1", ErrorCode.THROUGHPUT_EXCEEDED, "shard s1 is over its write limit")), "k1");
    session.sent(CompletableFuture.failedFuture(
        new TributaryException(ErrorCode.UNAVAILABLE, "broker 2 is down")), "k2");
    session.sent(CompletableFuture.completedFuture(PutResult.ok("s0", 1)), "k3");

    session.finish();

    JsonNode array = Json.MAPPER.readTree(text.toString());
    assertThat(array.size()).isEqualTo(2);
    assertThat(array.get(1).get("partitionKey").asText()).isEqualTo("k3");
    assertThat(session.failed()).isTrue();
    assertThat(session.error().describe()).isEqualTo("ThroughputExceeded: shard s1 is over its write limit");
  }

  @Test
  void aFailureBeforeSendingEndsAValidEmptyArray() throws Exception {
    PutSession session = session(OutputFormat.JSON);
    session.fail(new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "stream 'x' does not exist"));

    session.finish();

    assertThat(Json.MAPPER.readTree(text.toString()).isEmpty()).isTrue();
    assertThat(session.error().code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void tableModeSummarisesPerShard() {
    PutSession session = session(OutputFormat.TABLE);
    session.sent(CompletableFuture.completedFuture(PutResult.ok("shardId-000000000001", 3)), "a");
    session.sent(CompletableFuture.completedFuture(PutResult.ok("shardId-000000000000", 0)), "b");
    session.sent(CompletableFuture.completedFuture(PutResult.ok("shardId-000000000001", 4)), "c");

    session.finish();

    assertThat(text.toString().lines()).containsExactly(
        "Wrote 3 records to stream 'clicks'.",
        "",
        "SHARD                 RECORDS  FIRST SEQUENCE  LAST SEQUENCE",
        "shardId-000000000000        1               0              0",
        "shardId-000000000001        2               3              4");
  }

  @Test
  void aRecordThatNeverSettlesFailsWithinTheBound() {
    PutSession session = new PutSession("clicks", new Output(OutputFormat.JSON, new PrintWriter(text, true)),
        Duration.ofMillis(50));
    session.sent(new CompletableFuture<>(), "stuck");

    session.finish();

    assertThat(session.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  private PutSession session(OutputFormat format) {
    return new PutSession("clicks", new Output(format, new PrintWriter(text, true)), Duration.ofSeconds(5));
  }
}
