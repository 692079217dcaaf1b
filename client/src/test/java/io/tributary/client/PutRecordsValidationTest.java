package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.Acks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request-level limits fail with InvalidArgument before anything is sent: the client points at a
 * coordinator that does not exist, so any network attempt would end as Unavailable instead.
 */
class PutRecordsValidationTest {
  private final TributaryClient client = TributaryClient.connect(
      new ClientOptions(List.of("127.0.0.1:1"), Duration.ofSeconds(1), Duration.ofSeconds(1)));

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aRequestHoldsOneToFiveHundredRecords() {
    rejects(List.of()).hasMessageContaining("1 to 500 records").hasMessageContaining("got 0");
    rejects(Collections.nCopies(501, PutRecord.of("k", new byte[1]))).hasMessageContaining("got 501");
  }

  @Test
  void aRequestHoldsAtMostFiveMebibytes() {
    List<PutRecord> records = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      records.add(PutRecord.of("k" + i, new byte[1000 * 1000]));
    }
    rejects(records).hasMessageContaining("exceeds the limit of 5242880 bytes per request");
  }

  @Test
  void aRecordHoldsAtMostOneMebibyteCountingItsKey() {
    rejects(List.of(PutRecord.of("kk", new byte[1024 * 1024 - 1])))
        .hasMessageContaining("record of 1048577 bytes")
        .hasMessageContaining("1048576 bytes per record");
  }

  @Test
  void partitionKeysHaveOneTo256Characters() {
    rejects(List.of(PutRecord.of("", new byte[1]))).hasMessageContaining("partition key must be 1 to 256");
    rejects(List.of(PutRecord.of("x".repeat(257), new byte[1]))).hasMessageContaining("got 257 characters");
    rejects(List.of(PutRecord.of(null, new byte[1]))).hasMessageContaining("got none");
  }

  @Test
  void explicitHashKeysAreDecimalsBelowTwoToThe128() {
    rejects(List.of(new PutRecord("k", new byte[1], "12ab"))).hasMessageContaining("not a decimal integer");
    rejects(List.of(new PutRecord("k", new byte[1], "340282366920938463463374607431768211456")))
        .hasMessageContaining("out of range");
  }

  @Test
  void dataAndStreamNameMustBeValid() {
    rejects(List.of(PutRecord.of("k", null))).hasMessageContaining("data is null");
    assertThatThrownBy(() -> client.putRecords("bad name!", List.of(PutRecord.of("k", new byte[1])), Acks.ACKS_ALL))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> rejects(List<PutRecord> records) {
    return assertThatThrownBy(() -> client.putRecords("s", records, Acks.ACKS_ALL))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
