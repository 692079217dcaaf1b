package io.tributary.worker.exchange;

/** A data exchange failed: the subtask cannot continue. */
public final class ExchangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExchangeException(String message, Throwable cause) {
    super(message, cause);
  }

  public ExchangeException(String message) {
    super(message);
  }
}
