package io.tributary.common.error;

import java.util.Optional;

/**
 * The one exception callers of Tributary react to: an {@link ErrorCode} and a message that names
 * the problem and the fix. Immutable and thread-safe.
 */
public class TributaryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String leaderAddress;

  public TributaryException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public TributaryException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  private TributaryException(ErrorCode code, String message, String leaderAddress, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.leaderAddress = leaderAddress;
  }

  /** A standby coordinator's answer to a change request: go to {@code leaderAddress}. */
  public static TributaryException notLeader(String leaderAddress) {
    String where = leaderAddress == null || leaderAddress.isEmpty() ? "unknown" : leaderAddress;
    return new TributaryException(
        ErrorCode.NOT_LEADER,
        "this coordinator is a standby; the leader is at " + where,
        leaderAddress == null || leaderAddress.isEmpty() ? null : leaderAddress,
        null);
  }

  public ErrorCode code() {
    return code;
  }

  /** The current leader's address, carried by {@link ErrorCode#NOT_LEADER} errors. */
  public Optional<String> leaderAddress() {
    return Optional.ofNullable(leaderAddress);
  }

  public boolean retryable() {
    return code.retryable();
  }

  /** The one-line form the CLI prints: {@code ResourceNotFound: stream 'x' does not exist}. */
  public String describe() {
    return code.shortName() + ": " + getMessage();
  }
}
