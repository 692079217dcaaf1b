package io.tributary.cli;

/**
 * Thrown by commands that are listed in the help but not built yet, so that scripts see a failed
 * operation rather than a usage error. Immutable.
 */
public final class UnsupportedCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedCommandException(String message) {
    super(message);
  }

  /** The one line printed on stderr. */
  public String describe() {
    return "Unsupported: " + getMessage();
  }
}
