package io.tributary.gateway;

import io.tributary.common.auth.AccessKeys;
import io.tributary.common.auth.SigV4Verifier;
import io.tributary.common.auth.SignatureProblem;
import io.tributary.common.auth.Verification;
import io.tributary.gateway.wire.GatewayException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's signature check, run before any operation: one SigV4 verifier per API, so that a
 * request signed for Firehose cannot act on Kinesis, or no check at all ({@link AuthMode#NONE}).
 * Immutable, thread-safe.
 */
public final class GatewayAuth {
  static final String KINESIS_SERVICE = "kinesis";
  static final String FIREHOSE_SERVICE = "firehose";

  private final AuthMode mode;
  private final SigV4Verifier kinesis;
  private final SigV4Verifier firehose;
  private final SigV4Verifier either;

  private GatewayAuth(AuthMode mode, AccessKeys keys, Clock clock) {
    this.mode = mode;
    this.kinesis = new SigV4Verifier(keys, Set.of(KINESIS_SERVICE), clock);
    this.firehose = new SigV4Verifier(keys, Set.of(FIREHOSE_SERVICE), clock);
    this.either = new SigV4Verifier(keys, Set.of(KINESIS_SERVICE, FIREHOSE_SERVICE), clock);
  }

  /** Requests must be signed with one of {@code keys}; no keys is a configuration error. */
  public static GatewayAuth sigv4(AccessKeys keys, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("signature checks (auth sigv4) need at least one access key; give"
          + " --access-key ID:SECRET or --access-keys FILE, or choose auth none for local development");
    }
    return new GatewayAuth(AuthMode.SIGV4, keys, clock);
  }

  /** Accepts every request, signed or not. */
  public static GatewayAuth unsigned() {
    return new GatewayAuth(AuthMode.NONE, AccessKeys.none(), Clock.systemUTC());
  }

  public static GatewayAuth of(AuthMode mode, AccessKeys keys, Clock clock) {
    return mode == AuthMode.SIGV4 ? sigv4(keys, clock) : unsigned();
  }

  public AuthMode mode() {
    return mode;
  }

  /**
   * The error to answer instead of running the request, or empty when it may run. A target of
   * neither API is checked against both, so an unsigned caller learns nothing, not even what is served.
   */
  Optional<GatewayException> check(String target, RequestHead head, byte[] body) {
    if (mode == AuthMode.NONE) {
      return Optional.empty();
    }
    Verification outcome = verifier(target).verify(head.signed(body));
    if (outcome instanceof SignatureProblem problem) {
      return Optional.of(new GatewayException(problem.error().awsName(), 400, problem.message()));
    }
    return Optional.empty();
  }

  private SigV4Verifier verifier(String target) {
    if (target != null && target.startsWith(OperationTable.KINESIS_PREFIX + ".")) {
      return kinesis;
    }
    if (target != null && target.startsWith(OperationTable.FIREHOSE_PREFIX + ".")) {
      return firehose;
    }
    return either;
  }

  @Override
  public String toString() {
    return "GatewayAuth[" + mode.label() + "]";
  }
}
