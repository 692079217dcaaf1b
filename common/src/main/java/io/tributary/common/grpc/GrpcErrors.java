package io.tributary.common.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;

/**
 * The one mapping between {@link TributaryException} and gRPC statuses, used by the server
 * interceptor and by every client. Stateless and thread-safe.
 */
public final class GrpcErrors {
  /** Trailer naming the error (an {@link ErrorCode#shortName()}). */
  public static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("tributary-error", Metadata.ASCII_STRING_MARSHALLER);
  /** Trailer with the leading coordinator's address on NotLeader errors. */
  public static final Metadata.Key<String> LEADER =
      Metadata.Key.of("tributary-leader", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  /** The status and trailers a server sends for {@code error}. */
  public static StatusRuntimeException toStatus(Throwable error) {
    TributaryException te = asTributary(error);
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, te.code().shortName());
    te.leaderAddress().ifPresent(leader -> trailers.put(LEADER, leader));
    return Status.fromCode(te.code().grpcCode())
        .withDescription(te.getMessage())
        .withCause(error)
        .asRuntimeException(trailers);
  }

  /** What a client makes of any failure of a call. */
  public static TributaryException fromGrpc(Throwable error) {
    if (error instanceof TributaryException te) {
      return te;
    }
    Status status;
    Metadata trailers;
    if (error instanceof StatusRuntimeException sre) {
      status = sre.getStatus();
      trailers = sre.getTrailers();
    } else if (error instanceof StatusException se) {
      status = se.getStatus();
      trailers = se.getTrailers();
    } else {
      return new TributaryException(ErrorCode.INTERNAL, String.valueOf(error), error);
    }
    String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
    String name = trailers == null ? null : trailers.get(ERROR_CODE);
    if (name != null) {
      ErrorCode code = ErrorCode.fromShortName(name);
      if (code == ErrorCode.NOT_LEADER) {
        return TributaryException.notLeader(trailers.get(LEADER));
      }
      return new TributaryException(code, description, error);
    }
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED -> new TributaryException(
          ErrorCode.UNAVAILABLE, "server unreachable or did not answer in time: " + description, error);
      case RESOURCE_EXHAUSTED -> new TributaryException(ErrorCode.LIMIT_EXCEEDED, description, error);
      case INVALID_ARGUMENT -> new TributaryException(ErrorCode.INVALID_ARGUMENT, description, error);
      case NOT_FOUND -> new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, description, error);
      default -> new TributaryException(ErrorCode.INTERNAL, description, error);
    };
  }

  private static TributaryException asTributary(Throwable error) {
    if (error instanceof TributaryException te) {
      return te;
    }
    return new TributaryException(
        ErrorCode.INTERNAL, "internal error: " + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
  }
}
