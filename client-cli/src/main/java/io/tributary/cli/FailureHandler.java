package io.tributary.cli;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.io.UncheckedIOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into exit status 1 and one line on stderr, {@code <Error>: <message>}.
 * Stateless. Scripts match on the error name; people read the message, which names the fix.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  static final int FAILED = 1;
  private static final Logger LOG = LogManager.getLogger(FailureHandler.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    commandLine.getOut().flush();
    commandLine.getErr().println(describe(e));
    commandLine.getErr().flush();
    return FAILED;
  }

  /** The one-line form of any failure. */
  static String describe(Throwable e) {
    if (e instanceof TributaryException te) {
      return te.describe();
    }
    if (e instanceof UnsupportedCommandException uc) {
      return uc.describe();
    }
    if (e instanceof UnsupportedOperationException) {
      return "Unsupported: " + e.getMessage();
    }
    if (e instanceof IllegalArgumentException) {
      return ErrorCode.INVALID_ARGUMENT.shortName() + ": " + oneLine(e.getMessage());
    }
    if (e instanceof UncheckedIOException) {
      return ErrorCode.INTERNAL.shortName() + ": " + oneLine(e.getMessage());
    }
    if (e instanceof InterruptedException) {
      return ErrorCode.INTERNAL.shortName() + ": interrupted";
    }
    // Unexpected: the stack trace is for whoever debugs, at a level that keeps stderr to one line.
    LOG.debug("unexpected failure", e);
    return ErrorCode.INTERNAL.shortName() + ": " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "(no message)" : message.replace('\n', ' ').replace('\r', ' ');
  }
}
