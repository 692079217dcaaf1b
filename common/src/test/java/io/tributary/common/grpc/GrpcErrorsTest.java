package io.tributary.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
  @Test
  void everyCodeSurvivesTheRoundTrip() {
    for (ErrorCode code : ErrorCode.values()) {
      StatusRuntimeException status = GrpcErrors.toStatus(new TributaryException(code, "why and fix"));
      assertThat(status.getStatus().getCode()).isEqualTo(code.grpcCode());
      TributaryException back = GrpcErrors.fromGrpc(status);
      assertThat(back.code()).isEqualTo(code);
      if (code != ErrorCode.NOT_LEADER) {
        assertThat(back.getMessage()).isEqualTo("why and fix");
      }
    }
  }

  @Test
  void notLeaderCarriesTheLeaderAddress() {
    TributaryException back = GrpcErrors.fromGrpc(GrpcErrors.toStatus(TributaryException.notLeader("10.0.0.1:7400")));
    assertThat(back.code()).isEqualTo(ErrorCode.NOT_LEADER);
    assertThat(back.leaderAddress()).contains("10.0.0.1:7400");
  }

  @Test
  void plainStatusesWithoutTrailersStillMapSensibly() {
    assertThat(GrpcErrors.fromGrpc(Status.UNAVAILABLE.asRuntimeException()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(GrpcErrors.fromGrpc(Status.DEADLINE_EXCEEDED.asRuntimeException()).retryable()).isTrue();
    assertThat(GrpcErrors.fromGrpc(new IllegalStateException("boom")).code()).isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void describeIsTheCliErrorLine() {
    assertThat(Errors.streamNotFound("clicks").describe())
        .isEqualTo("ResourceNotFound: stream 'clicks' does not exist; list streams with 'trib stream list'");
  }
}
